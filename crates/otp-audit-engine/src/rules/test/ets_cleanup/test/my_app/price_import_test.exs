defmodule MyApp.PriceImportTest do
  use ExUnit.Case, async: true

  # Copied from the price cache tests: the same table names, in another async module.
  setup do
    table = :ets.new(:test_prices, [:set, :named_table, :public]) #~ test/ets-cleanup
    %{table: table}
  end

  test "imports rows", %{table: table} do
    :ets.new(:scratch, [:named_table]) #~ test/ets-cleanup
    :ets.insert(table, {"sku-2", 250})
    assert :ets.info(:last_option) == :undefined or :ets.info(:helper_table) != nil
  end
end
