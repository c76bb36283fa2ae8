defmodule MyApp.RegistryNamesTest do
  use ExUnit.Case, async: true

  # The same atom is registered locally here and under `:global` below: two
  # registries, so the two starts cannot clash.
  test "a local name" do
    {:ok, feed} = MyApp.PriceFeed.start_link(name: :price_feed)
    assert Process.whereis(:price_feed) == feed
  end

  test "the same atom as a global name" do
    {:ok, _feed} = MyApp.PriceFeed.start_link(name: {:global, :price_feed}) #~ test/start-supervised
    assert is_pid(GenServer.whereis({:global, :price_feed}))
  end

  # The registry is started by this test and named by no other one: a name inside it
  # is the test's own.
  test "a via name in the test's own registry" do
    {:ok, _} = Registry.start_link(keys: :unique, name: :price_feed_lookup)
    {:ok, feed} = MyApp.PriceFeed.start_link(name: {:via, Registry, {:price_feed_lookup, "eur"}})
    assert [{^feed, _}] = Registry.lookup(:price_feed_lookup, "eur")
  end

  # A via name in a registry the application runs for every test.
  test "a via name in a shared registry" do
    {:ok, _} = MyApp.PriceFeed.start_link(name: {:via, Registry, {MyApp.FeedRegistry, "usd"}}) #~ test/start-supervised
    assert [{_, _}] = Registry.lookup(MyApp.FeedRegistry, "usd")
  end

  test "a local name another test of this file also starts" do
    {:ok, _} = MyApp.PriceFeed.start_link(name: :rate_feed) #~ test/start-supervised
    assert Process.whereis(:rate_feed)
  end

  test "the same local name again" do
    {:ok, _} = MyApp.PriceFeed.start_link(name: :rate_feed) #~ test/start-supervised
    assert Process.whereis(:rate_feed)
  end
end
