defmodule MyApp.PriceCacheSharedTest do
  use ExUnit.Case

  setup_all do
    prices = :ets.new(:shared_prices, [:named_table, :public]) #~ test/ets-cleanup
    counters = :ets.new(:counters, [:set, :public]) #~ test/ets-cleanup
    # Protected and unnamed: tests can read it but not change it.
    fixtures = :ets.new(:fixtures, [:set, read_concurrency: true])
    %{prices: prices, counters: counters, fixtures: fixtures}
  end

  test "an heir keeps the table alive" do
    heir = start_supervised!({Agent, fn -> nil end})
    t = :ets.new(:inherited, [:set, {:heir, heir, :handoff}]) #~ test/ets-cleanup
    assert :ets.info(t, :size) == 0
  end

  test "a table given away outlives the test" do
    owner = start_supervised!({Agent, fn -> nil end})
    t = :ets.new(:handed_over, [:set, :public]) #~ test/ets-cleanup
    :ets.give_away(t, owner, :gift)
    assert :ets.info(t, :owner) == owner
  end

  # Public and named, in a module that is not async: the test process owns it, so it
  # goes when the test ends, and no other module runs at the same time. Fine.
  test "a public named table the code under test writes by name" do
    table = :ets.new(:sessions, [:public, :named_table])
    :ets.insert(:sessions, {"abc", %{user: 1}})
    assert [{"abc", _}] = :ets.lookup(:sessions, "abc")
    assert :ets.info(table, :size) == 1
  end
end
