defmodule Billing.PendingEvents do
  @moduledoc "Queues an event for the ledger transaction this process runs, or publishes it at once."

  def record(event) do
    if Process.get(:billing_in_transaction?) do
      Process.put(:billing_pending, [event | Process.get(:billing_pending, [])]) #~ otp/no-process-dictionary
    else
      Billing.Events.publish(event)
    end
  end

  def record_all(events) do
    cond do
      Process.get(:billing_in_transaction?, false) ->
        queued = Process.get(:billing_queued, [])
        Process.put(:billing_queued, queued ++ events) #~ otp/no-process-dictionary

      true ->
        Enum.each(events, &Billing.Events.publish/1)
    end
  end

  # The set-up of the same accumulator in this module is reported on its own.
  def reset_pending, do: Process.put(:billing_pending, []) #~ otp/no-process-dictionary

  # Not an append: a flag-guarded overwrite is state like any other.
  def mark(event) do
    if Process.get(:billing_in_transaction?) do #~ otp/no-process-dictionary
      Process.put(:billing_last_event, event) #~ otp/no-process-dictionary
    end
  end
end
