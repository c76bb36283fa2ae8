defmodule MyApp.UnnamedTablesTest do
  use ExUnit.Case, async: true

  # No finding in this file: tables are unnamed (owned by the test process and gone
  # with it), or public named tables are cleaned up in `on_exit`.

  setup do
    table = :ets.new(:prices, [:set, :public])
    %{table: table}
  end

  test "an unnamed table per test", %{table: table} do
    :ets.insert(table, {"sku", 1})
    assert :ets.lookup(table, "sku") == [{"sku", 1}]
  end

  test "an unnamed protected table" do
    t = :ets.new(__MODULE__, [:ordered_set])
    assert :ets.info(t, :type) == :ordered_set
  end
end

defmodule MyApp.NamedWithCleanupTest do
  use ExUnit.Case

  setup do
    table = :ets.new(:app_sessions, [:named_table, :public])
    on_exit(fn -> :ets.info(:app_sessions) != :undefined && :ets.delete_all_objects(:app_sessions) end)
    %{table: table}
  end

  test "a sync module may name a protected table" do
    t = :ets.new(:local_only, [:named_table])
    assert :ets.info(t, :protection) == :protected
  end
end
