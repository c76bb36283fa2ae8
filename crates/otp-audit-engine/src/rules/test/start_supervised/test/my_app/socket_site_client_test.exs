defmodule MyApp.SocketSiteClientTest do
  # fixture: needs the project (which files name the endpoint is in the other files)
  use ExUnit.Case, async: false

  alias MyApp.SocketSite.Endpoint

  setup_all do
    {:ok, _} = Endpoint.start_link()
    :ok
  end

  test "joins a topic on the local site" do
    assert {:ok, socket} = MyApp.SocketClient.connect(Endpoint.url())
    assert :ok == MyApp.SocketClient.join(socket, "room:1")
  end
end
