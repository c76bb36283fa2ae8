defmodule MyApp.InventoryTest do
  use ExUnit.Case, async: true

  alias MyApp.Inventory

  test "reserves stock" do
    assert %{"A1" => 1} = Inventory.reserve!(%{"A1" => 3}, "A1", 2)
  end

  test "refuses to oversell" do
    assert_raise ArgumentError, fn -> Inventory.reserve!(%{"A1" => 1}, "A1", 2) end
  end

  test "mock expectations count as assertions" do
    Mox.expect(MyApp.ClockMock, :now, fn -> ~U[2026-01-01 00:00:00Z] end)
    Inventory.reserve!(%{"A1" => 1}, "A1", 1)
  end
end
