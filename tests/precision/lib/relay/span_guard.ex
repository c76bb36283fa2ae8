defmodule Relay.SpanGuard do
  @moduledoc "Runs a traced block at most once per span and replays its outcome."

  @spec run(String.t(), (-> term)) :: term
  def run(name, fun) do
    key = {__MODULE__, make_ref()}
    Process.put(key, :pending)

    try do
      Relay.Tracer.span(name, fn -> once(key, fun) end)
    after
      Process.delete(key)
    end
  end

  defp once(key, fun) do
    case Process.get(key) do
      :pending -> finish(key, fun.())
      {:done, result} -> result
    end
  end

  defp finish(key, result) do
    Process.put(key, {:done, result})
    result
  end

  @doc "The clock can be swapped in tests through the dictionary."
  @spec now() :: integer
  def now do
    clock = Process.get({__MODULE__, :clock}, &System.monotonic_time/0)
    clock.()
  end
end
