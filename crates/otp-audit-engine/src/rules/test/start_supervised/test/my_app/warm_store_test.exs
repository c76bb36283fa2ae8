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

defmodule MyApp.LiveFeedTest do
  use ExUnit.Case, async: false

  defmodule Bus do
    def start_link, do: Registry.start_link(keys: :duplicate, name: __MODULE__)
  end

  # The feed is named after Bus, a module only this file defines: no other test
  # module can start the same name.
  setup_all do
    {:ok, _} = Bus.start_link()
    {:ok, _} = MyApp.LiveFeed.start_link(Bus)
    :ok
  end

  # MyApp.Bus is defined elsewhere: another module may start the same feed.
  setup_all do
    {:ok, _} = MyApp.LiveFeed.start_link(MyApp.Bus) #~ test/start-supervised
    :ok
  end

  test "a post reaches the feed" do
    assert :ok = MyApp.LiveFeed.post(Bus, "hello")
  end
end
