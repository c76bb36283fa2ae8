defmodule MyApp.WarmStoreTest do
  use ExUnit.Case, async: false

  # Flushes the store once for the module and stops the connection in the same
  # block: nothing is left running when the tests start.
  setup_all do
    {:ok, conn} = MyApp.Store.start_link(name: :warm_store_admin)
    :ok = MyApp.Store.flush(conn)
    :ok = MyApp.Store.stop(conn)
    :ok
  end

  test "a fresh store is empty" do
    assert MyApp.Store.keys(:warm_store_admin_probe) == []
  end
end

defmodule MyApp.WarmStoreSharedTest do
  use ExUnit.Case, async: false

  # Kept for the module's tests and never stopped: still reported.
  setup_all do
    {:ok, conn} = MyApp.Store.start_link(name: :warm_store_shared) #~ test/start-supervised
    :ok = MyApp.Store.flush(conn)
    %{conn: conn}
  end

  test "keys after a put", %{conn: conn} do
    :ok = MyApp.Store.put(conn, "k", "v")
    assert MyApp.Store.keys(conn) == ["k"]
  end
end
