defmodule Billing.TraceContext do
  @moduledoc "The trace of the message being handled, for log lines and telemetry."

  @key {:billing, :trace}

  # Every caller (Billing.LedgerServer) clears it in an `after` block: the value is
  # bound for the extent of one message.
  def start_from(%{trace: nil}) do
    trace = %{id: System.unique_integer([:positive]), parent: nil}
    Process.put(@key, trace)
    trace
  end

  def start_from(%{trace: trace}) do
    Process.put(@key, trace)
    trace
  end

  def current, do: Process.get(@key)

  def metadata do
    case Process.get(@key) do
      nil -> %{}
      trace -> %{trace_id: trace.id}
    end
  end

  def clear do
    Process.delete(@key)
    :ok
  end
end

defmodule Billing.TenantContext do
  @moduledoc "The tenant of the current request."

  # One caller sets it and never clears it: it outlives the message in a pooled
  # process, which is what the rule is about.
  def assign(tenant), do: Process.put(:billing_tenant, tenant) #~ otp/no-process-dictionary

  def get, do: Process.get(:billing_tenant)

  def clear, do: Process.delete(:billing_tenant)
end
