defmodule MyApp.RemoteRelayPeerTest do
  use ExUnit.Case, async: false

  alias MyApp.Relay

  test "a relay on a peer the test starts with :peer" do
    {:ok, _peer, node} = :peer.start(%{name: :relay_peer_unlinked})
    relay = Node.spawn_link(node, Relay, :reply_loop, [])

    Relay.ping(relay, self())
    assert_receive {:pong, ^relay}, 1_000
  end
end
