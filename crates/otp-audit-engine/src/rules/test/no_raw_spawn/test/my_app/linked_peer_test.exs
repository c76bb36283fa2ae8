defmodule MyApp.LinkedPeerTest do
  use ExUnit.Case, async: false

  alias MyApp.Membership

  # LocalCluster links the peers it starts to the calling process: started in the
  # test, they end with it, and so does whatever runs on them.
  test "members on every peer see each other" do
    peers = LocalCluster.start_nodes("linked", 3)
    Enum.each(peers, &Node.spawn(&1, Membership, :hold_member, [peers]))
    assert Enum.all?(peers, &(:erpc.call(&1, Membership, :size, []) == 3))
  end

  test "a slave node started by the test" do
    {:ok, peer} = :slave.start_link(~c"127.0.0.1", :linked_slave)
    Node.spawn(peer, Membership, :hold_member, [[peer]])
    assert :erpc.call(peer, Membership, :size, []) == 1
  end

  # Near miss: the peers come from a helper of the file, not from this test.
  test "a holder on a peer the test did not start" do
    [peer | _] = Node.list()
    Node.spawn(peer, Membership, :hold_member, [[peer]]) #~ test/no-raw-spawn
    assert Membership.size() >= 1
  end
end
