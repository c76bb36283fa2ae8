defmodule Billing.Batch do
  @moduledoc "Runs a billing batch in the calling process."

  def run(id, invoices) do
    Process.put(:billing_batch_id, id) #~ otp/no-process-dictionary
    Enum.each(invoices, &Billing.InvoiceMailer.deliver/1)
  end
end
