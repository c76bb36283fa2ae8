defmodule Billing.MailCase do
  @moduledoc "Routes this test process's mail to a fake that messages the test."

  def use_fake_mailer(_context) do
    Process.put(:billing_mail_adapter, Billing.Mail.Fake)
    :ok
  end
end
