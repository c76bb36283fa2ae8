defmodule MyApp.RemoteRelayTest do
  use ExUnit.Case, async: false

  alias MyApp.{Relay, TestCluster}

  test "replies come back from every relay on the peer" do
    {:ok, peer_node} = TestCluster.start_linked_peer(:relay_peer)
    me = self()

    relays =
      for _ <- 1..3 do
        Node.spawn_link(peer_node, Relay, :reply_once, []) #~ test/no-raw-spawn
      end

    Enum.each(relays, &Relay.ping(&1, me))

    for relay <- relays do
      assert_receive {:pong, ^relay}, 1_000
    end
  end

  test "an unlinked relay on an unknown node outlives the test" do
    {:ok, peer_node} = TestCluster.start_linked_peer(:relay_peer_2)
    relay = Node.spawn(peer_node, Relay, :reply_loop, []) #~ test/no-raw-spawn

    Relay.ping(relay, self())
    assert_receive {:pong, ^relay}, 1_000
  end
end
