defmodule MyApp.PoolDrainTest do
  use ExUnit.Case, async: false

  test "a disconnect drains the pool" do
    {:ok, conn} = MyApp.Proxy.connect(user: "no_warm_pool")
    assert MyApp.Pool.count_workers("tenant") > 0

    :ok = MyApp.Proxy.disconnect(conn)
    # The count was checked non-empty above: zero is the change to wait for.
    Process.sleep(100) #~ test/no-sleep
    assert MyApp.Pool.count_workers("tenant") == 0
  end

  test "an idle pool starts no workers" do
    {:ok, _conn} = MyApp.Proxy.connect(user: "lazy")
    # Nothing checked before: zero says nothing happened, a poll would pass at once.
    Process.sleep(100) #~ test/no-sleep
    assert MyApp.Pool.count_workers("lazy") == 0
  end
end
