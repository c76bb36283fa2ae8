defmodule MyApp.NamedByTestTest do
  use ExUnit.Case, async: true

  # The table's name comes from the test's name in the setup's head: unique per test.
  setup %{test: name} do
    table = :ets.new(:"#{name}_rates", [:named_table, :public])
    %{table: table}
  end

  test "rates are stored", %{table: table} do
    assert :ets.insert(table, {:eur, 1.1})
  end

  describe "a shared name" do
    setup %{module: module} do
      # The module's name is the same for every test of the module.
      :ets.new(:"#{module}_shared", [:named_table, :public]) #~ test/ets-cleanup
      :ok
    end

    test "uses the shared table" do
      assert :ets.info(:"Elixir.MyApp.NamedByTestTest_shared") != :undefined
    end
  end
end
