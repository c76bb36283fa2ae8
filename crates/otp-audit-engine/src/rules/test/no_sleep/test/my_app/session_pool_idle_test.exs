defmodule MyApp.SessionPoolIdleTest do
  use ExUnit.Case, async: true

  setup do
    pool = start_supervised!({MyApp.SessionPool, max_idle_time: 20, size: 1})
    %{pool: pool}
  end

  # The test is about max_idle_time, and sleeps past the 20 ms the setup configures:
  # the time passing is what is tested.
  test "drops a session after max_idle_time", %{pool: pool} do
    {:ok, first} = MyApp.SessionPool.checkout(pool)
    :ok = MyApp.SessionPool.checkin(pool, first)
    Process.sleep(30)
    {:ok, second} = MyApp.SessionPool.checkout(pool)
    refute second == first
  end

  # Shorter than the configured time: the sleep waits for the pool, not the clock.
  test "reuses a session within max_idle_time", %{pool: pool} do
    {:ok, first} = MyApp.SessionPool.checkout(pool)
    :ok = MyApp.SessionPool.checkin(pool, first)
    Process.sleep(5) #~ test/no-sleep
    assert {:ok, ^first} = MyApp.SessionPool.checkout(pool)
  end

  # Longer, but the test never names the configured duration.
  test "hands out a session", %{pool: pool} do
    Process.sleep(50) #~ test/no-sleep
    assert {:ok, _session} = MyApp.SessionPool.checkout(pool)
  end

  # The option only makes the peers' background sync fast; the sleep waits for them.
  test "peers agree on the session count" do
    peers = for id <- 1..2, do: start_supervised!({MyApp.SessionPeer, id: id, sync_interval: 10}, id: id)
    Process.sleep(50) #~ test/no-sleep
    assert Enum.uniq(Enum.map(peers, &MyApp.SessionPeer.count/1)) == [0]
  end
end
