defmodule Billing.BatchEvents do
  @moduledoc "Runs a batch; the ledger's callees queue events, published once the batch ends."

  def run(entries, fun) do
    owner? = !Process.put(:billing_in_batch?, true)

    try do
      Enum.map(entries, fun)
    after
      if owner? do
        pending = Process.get(:billing_pending_events, [])
        Enum.each(pending, &Billing.Events.publish/1)
        Process.delete(:billing_pending_events)
        Process.delete(:billing_in_batch?)
      end
    end
  end

  def run_parallel(chunks, fun) do
    chunks
    |> Task.async_stream(fn chunk ->
      results = Enum.map(chunk, fun)
      events = Process.delete(:billing_pending_events) || []
      {results, events}
    end)
    |> Enum.map(fn {:ok, pair} -> pair end)
  end

  def peek, do: Process.get(:billing_pending_events, []) #~ otp/no-process-dictionary
end
