defmodule MyApp.UniqueTableNamesTest do
  use ExUnit.Case, async: true

  # The code under test finds the table by a name derived from the shard's name, so
  # the table must be named; the shard name is unique to this test.
  setup do
    shard = :"shard_#{System.unique_integer([:positive])}"
    :ets.new(:"#{shard}_index", [:named_table, :public, :set])
    %{shard: shard}
  end

  test "a name with a fresh integer in it", %{shard: shard} do
    :ets.new(:"orders_#{System.unique_integer([:positive])}", [:named_table, :set])
    assert :ets.info(:"#{shard}_index", :size) == 0
  end

  test "a name built from the test's name", ctx do
    table = :ets.new(:"#{ctx.test}_lines", [:named_table, :set])
    assert :ets.info(table, :size) == 0
  end

  test "a fixed interpolation can still clash" do
    region = "eu"
    :ets.new(:"prices_#{region}", [:named_table, :set]) #~ test/ets-cleanup
    assert :ets.info(:prices_eu, :size) == 0
  end
end
