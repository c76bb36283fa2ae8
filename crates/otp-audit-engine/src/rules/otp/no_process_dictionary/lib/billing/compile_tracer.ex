defmodule Billing.CompileTracer do
  @moduledoc "Collects the remote calls a rule file makes while it compiles."

  @events_key {__MODULE__, :events}

  def compile(source) do
    Code.compile_string(source, "rules.exs", tracers: [__MODULE__])
    events()
  after
    Process.delete(@events_key)
  end

  def trace({:remote_function, _meta, module, name, arity}, _env) do
    Process.put(@events_key, [{module, name, arity} | events()]) #~ otp/no-process-dictionary
    :ok
  end

  def trace(_event, _env), do: :ok

  defp events, do: Process.get(@events_key, [])
end

defmodule Billing.EventLog do
  @moduledoc "Keeps the last events of a worker."

  # Named `trace/2`, but nothing registers this module as a tracer.
  def trace(event, _opts) do
    Process.put(:billing_last_events, [event | Process.get(:billing_last_events, [])]) #~ otp/no-process-dictionary
    :ok
  end
end
