defmodule MyApp.PoolHolderTest do
  use ExUnit.Case, async: true

  alias MyApp.Pool

  # The holder keeps the only connection for 60 ms, then its process ends by itself.
  test "a busy pool makes the next checkout wait" do
    {:ok, pool} = Pool.start_link(size: 1)
    spawn(fn -> Pool.with_conn(pool, fn _conn -> Process.sleep(60) end) end) #~ test/no-raw-spawn
    Process.sleep(10)
    assert {:timeout, _} = catch_exit(Pool.checkout(pool, 5))
  end

  # Controls: a holder that never lets go, and one whose work is more than a sleep.
  test "a holder that never lets go" do
    {:ok, pool} = Pool.start_link(size: 1)
    spawn(fn -> Pool.with_conn(pool, fn _conn -> Process.sleep(:infinity) end) end) #~ test/no-raw-spawn
    assert {:timeout, _} = catch_exit(Pool.checkout(pool, 5))
  end

  test "a holder that streams rows" do
    {:ok, pool} = Pool.start_link(size: 1)
    spawn(fn -> Pool.with_conn(pool, fn conn -> Pool.Conn.stream_rows(conn, "events") end) end) #~ test/no-raw-spawn
    assert {:timeout, _} = catch_exit(Pool.checkout(pool, 5))
  end
end
