defmodule MyApp.OrderProcessorTest do
  use ExUnit.Case, async: true

  alias MyApp.OrderProcessor

  # Test bodies are not function bodies: Credo does not look at them.
  test "summarizes every kind of order" do
    for total <- [0, 10, 2_000] do
      if total > 0 do
        case OrderProcessor.summarize([%{total: total, vip?: false, flagged?: false}]) do
          [kind] -> assert kind in [:standard, :review]
        end
      end
    end
  end

  # Helpers defined in the test module are.
  defp build_orders(specs) do
    Enum.flat_map(specs, fn {kind, count} ->
      for n <- 1..count do
        if kind == :paid, do: %{id: n, paid?: true}, else: %{id: n, paid?: false} #~ code/nesting
      end
    end)
  end

  test "processes paid orders" do
    assert [_ | _] = build_orders(paid: 2)
  end
end
