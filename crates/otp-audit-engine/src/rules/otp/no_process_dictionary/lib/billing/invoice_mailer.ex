defmodule Billing.InvoiceMailer do
  @moduledoc "Sends invoices through the configured adapter."

  @default_adapter Billing.Mail.Smtp

  def deliver(invoice) do
    adapter().send_mail(invoice.customer_email, "Your invoice", render(invoice))
  end

  # Only test support ever sets this key (to route mail to a per-test fake): in
  # production the read finds nothing and the default adapter is used.
  defp adapter, do: Process.get(:billing_mail_adapter, @default_adapter)

  # Billing.Batch sets this one in production: an implicit input.
  defp batch_id, do: Process.get(:billing_batch_id) #~ otp/no-process-dictionary

  defp render(invoice), do: "Invoice #{invoice.number} (batch #{batch_id()})"
end
