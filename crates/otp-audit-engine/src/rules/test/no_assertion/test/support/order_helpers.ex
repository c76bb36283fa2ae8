defmodule MyApp.OrderHelpers do
  @moduledoc "Test helpers shared by the order tests."

  import ExUnit.Assertions

  def eventually(fun, opts \\ []) do
    deadline = System.monotonic_time(:millisecond) + Keyword.get(opts, :timeout, 500)
    poll(fun, deadline)
  end

  defp poll(fun, deadline) do
    cond do
      fun.() -> :ok
      System.monotonic_time(:millisecond) > deadline -> flunk("condition never became true")
      true -> poll(fun, deadline)
    end
  end

  def assert_shipped(order), do: assert(order.status == :shipped)

  def shipped!(order) do
    if order.status != :shipped, do: raise(ExUnit.AssertionError, message: "not shipped")
    order
  end

  def build_order(attrs \\ %{}), do: Map.merge(%{id: 1, status: :new, lines: []}, attrs)
end
