defmodule MyApp.PriceCacheAsyncTest do
  use ExUnit.Case, async: true

  setup do
    table = :ets.new(:test_prices, [:set, :named_table, :public]) #~ test/ets-cleanup
    :ets.insert(:test_prices, {"sku-1", 100})
    %{table: table}
  end

  test "reads a price", %{table: table} do
    assert [{"sku-1", 100}] = :ets.lookup(table, "sku-1")
  end

  test "a named table whose id is thrown away has no fix" do
    :ets.new(:scratch, [:named_table]) #~ test/ets-cleanup
    :ets.insert(:scratch, {:k, 1})
    assert :ets.member(:scratch, :k)
  end

  test "the last option" do
    t = :ets.new(:last_option, [:bag, :named_table]) #~ test/ets-cleanup
    assert :ets.info(t, :type) == :bag
  end

  defp named_table, do: :ets.new(:helper_table, [:named_table, :protected]) #~ test/ets-cleanup

  test "tables made by helpers" do
    assert is_atom(named_table())
  end
end
