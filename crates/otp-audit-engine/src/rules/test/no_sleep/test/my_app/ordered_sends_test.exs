defmodule MyApp.OrderedSendsTest do
  use ExUnit.Case, async: true

  setup do
    {:ok, pool} = start_supervised({MyApp.ConnPool, size: 1})
    %{pool: pool}
  end

  test "a request is requeued when its connection dies", %{pool: pool} do
    {:ok, conn} = MyApp.ConnPool.checkout(pool)
    send(pool, {:conn_error, conn, :reset})
    # Let the pool see the error first.
    Process.sleep(100) #~ test/no-sleep
    send(pool, {:conn_down, conn})

    assert {:ok, _} = MyApp.ConnPool.checkout(pool, 1_000)
  end

  test "a second pool hears about the first one's failure", %{pool: pool} do
    other = start_supervised!({MyApp.ConnPool, size: 1, name: :backup_pool}, id: :backup)
    {:ok, conn} = MyApp.ConnPool.checkout(pool)
    send(pool, {:conn_error, conn, :reset})
    Process.sleep(100) #~ test/no-sleep
    send(other, {:peer_down, pool})

    assert MyApp.ConnPool.size(other) == 1
  end
end
