defmodule MyApp.TtlStoreTest do
  use ExUnit.Case, async: true

  # The store is started here with its TTL: the two sleeps together outlast it.
  test "an entry expires once its ttl has passed" do
    {:ok, store} = MyApp.TtlStore.start_link(sweep_every: 5, entry_ttl: 30)
    MyApp.TtlStore.put(store, :token, "abc")
    Process.sleep(20)
    assert MyApp.TtlStore.get(store, :token) == "abc"
    Process.sleep(20)
    assert MyApp.TtlStore.get(store, :token) == nil

    # Past the expiry: a short sleep after a cast waits for the store, not the clock.
    MyApp.TtlStore.put_async(store, :token, "def")
    Process.sleep(5) #~ test/no-sleep
    assert MyApp.TtlStore.get(store, :token) == "def"
  end

  test "a write replaces the entry" do
    {:ok, store} = MyApp.TtlStore.start_link(sweep_every: 5, entry_ttl: 30)
    MyApp.TtlStore.put_async(store, :token, "abc")
    Process.sleep(20) #~ test/no-sleep
    assert MyApp.TtlStore.get(store, :token) == "abc"
  end
end
