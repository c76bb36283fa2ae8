defmodule MyApp.RemoteRouteTest do
  use ExUnit.Case, async: false

  alias MyApp.Route

  test "a route to a pid on another node is remote" do
    {:ok, peer, node} = :peer.start_link(%{name: :route_peer})
    remote = Node.spawn(node, fn -> :ok end)

    assert Route.remote?(Route.new(remote))
    :peer.stop(peer)
  end

  test "a remote pid the test treats as dead may still be alive" do
    {:ok, peer, node} = :peer.start_link(%{name: :route_peer_dead})
    remote = Node.spawn(node, fn -> :ok end) #~ test/no-raw-spawn

    assert {:error, :noproc} = Route.ping(Route.new(remote))
    :peer.stop(peer)
  end

  test "a remote process that waits for good outlives the test" do
    {:ok, _peer, node} = :peer.start(%{name: :route_peer_idle})
    remote = Node.spawn(node, fn -> Process.sleep(:infinity) end) #~ test/no-raw-spawn

    assert Route.remote?(Route.new(remote))
  end

  test "a linked peer stops with the test, and the remote process with it" do
    {:ok, _peer, node} = :peer.start_link(%{name: :route_peer_linked})
    remote = Node.spawn(node, fn -> Process.sleep(:infinity) end)

    assert Route.remote?(Route.new(remote))
  end
end
