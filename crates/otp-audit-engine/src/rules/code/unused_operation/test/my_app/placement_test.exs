defmodule MyApp.PlacementTest do
  use ExUnit.Case, async: true

  defp owner(name), do: if(rem(byte_size(name), 2) == 0, do: :a, else: :b)

  test "every worker lands on its owner" do
    workers = [{:a, "ab"}, {:b, "abc"}]

    # The check runs, but nothing asserts on what it finds.
    workers
    |> Enum.filter(fn {node, name} -> owner(name) == node end) #~ code/unused-operation

    Enum.all?(workers, fn {node, name} -> owner(name) == node end) #~ code/unused-operation

    assert Enum.all?(workers, fn {node, name} -> owner(name) == node end)
  end

  test "each worker is registered" do
    workers = ["ab", "abc"]
    # Only the calls matter here: the advice stays `Enum.each/2`.
    Enum.map(workers, fn name -> send(self(), {:registered, name}) end) #~ code/unused-operation
    assert_received {:registered, "ab"}
  end
end
