defmodule MyApp.CacheTest do
  use ExUnit.Case
  import Process, only: [sleep: 1]

  alias MyApp.Cache

  setup do
    cache = start_supervised!(Cache)
    # give the cache time to warm up
    Process.sleep(200) #~ test/no-sleep
    %{cache: cache}
  end

  test "put is visible to readers", %{cache: cache} do
    Cache.put_async(cache, :k, 1)
    sleep(50) #~ test/no-sleep
    assert Cache.get(cache, :k) == 1
  end

  test "expiry sweeps old entries", %{cache: cache} do
    Cache.put(cache, :k, 1, ttl: 10)
    50 |> Process.sleep() #~ test/no-sleep
    send(cache, :sweep)
    receive do #~ test/no-sleep
    after
      20 -> :ok
    end

    assert Cache.get(cache, :k) == nil
  end

  test "sleeping in an Enum callback still blocks the test", %{cache: cache} do
    Enum.each(1..3, fn i ->
      Cache.put_async(cache, i, i)
      Process.sleep(5) #~ test/no-sleep
    end)

    Enum.each([10, 20], &Process.sleep/1) #~ test/no-sleep
    assert Cache.size(cache) == 3
  end

  describe "with a restart" do
    test "the supervisor brings the cache back", %{cache: cache} do
      Process.exit(cache, :kill)
      Process.sleep(100) #~ test/no-sleep
      assert Process.whereis(Cache) != cache
    end

    test "stop is followed by a restart" do
      GenServer.stop(Cache)
      :timer.sleep(100) #~ test/no-sleep
      assert Cache.size(Cache) == 0
    end

    test "a message right after a kill is a message wait", %{cache: cache} do
      Process.flag(:trap_exit, true)
      Process.exit(cache, :kill)
      Process.sleep(30) #~ test/no-sleep
      refute_received {:EXIT, ^cache, :normal}
    end
  end
end
