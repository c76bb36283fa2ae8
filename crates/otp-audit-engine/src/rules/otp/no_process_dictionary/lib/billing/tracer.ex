defmodule Billing.Tracer do
  @moduledoc """
  A small span tracer. Spans are a per-process stack bound for the extent of one
  call and restored in `after`, so they never outlive the traced work.
  """

  @span_key {__MODULE__, :spans}

  def with_span(name, fun) do
    previous = Process.get(@span_key)
    Process.put(@span_key, [name | previous || []])

    try do
      fun.()
    after
      if previous, do: Process.put(@span_key, previous), else: Process.delete(@span_key)
    end
  end

  def current_spans, do: Process.get(@span_key, [])

  def innermost_span do
    # The key is written below without a binding: the finding is at that write.
    case Process.get(@span_key) do
      [span | _] -> span
      _ -> nil
    end
  end

  def with_dry_run(fun) do
    Process.put(:billing_dry_run, true)
    fun.()
  after
    Process.delete(:billing_dry_run)
  end

  def dry_run?, do: Process.get(:billing_dry_run, false)

  def label(invoice_id) do
    Process.put(:"$process_label", {:invoice, invoice_id})
  end

  # Stored and cleaned up without `after`: an exception leaves the value behind.
  def with_currency(currency, fun) do
    Process.put(:billing_currency, currency) #~ otp/no-process-dictionary
    result = fun.()
    Process.delete(:billing_currency)
    result
  end

  def currency, do: Process.get(:billing_currency, :eur)

  # Set here, never restored: hidden state like any other.
  def push_span(name) do
    Process.put(@span_key, [name | current_spans()]) #~ otp/no-process-dictionary
  end
end
