defmodule MyApp.SharedClientTest do
  use ExUnit.Case, async: true

  # Options written out without `name:`: the client registers no name, so the next
  # module cannot find it registered. Reported (as info) only with `unnamed_linked`.
  setup_all do
    {:ok, pid} = MyApp.DbClient.start_link(hostname: "localhost", database: "client_test") #~ test/start-supervised
    [conn: pid]
  end

  test "counts documents", %{conn: conn} do
    assert {:ok, 0} = MyApp.DbClient.count(conn, "users")
  end
end

defmodule MyApp.NamedClientTest do
  use ExUnit.Case, async: true

  setup_all do
    {:ok, _} = MyApp.DbClient.start_link(database: "client_test", name: :client) #~ test/start-supervised
    :ok
  end

  test "counts documents by name" do
    assert {:ok, 0} = MyApp.DbClient.count(:client, "users")
  end
end
