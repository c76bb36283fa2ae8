defmodule MyApp.PeerClusterTest do
  use ExUnit.Case, async: false

  alias MyApp.Membership

  # Peers started once for the module belong to setup_all's process, not to the test.
  setup_all do
    %{peers: LocalCluster.start_nodes("members", 3)}
  end

  test "members on every peer see each other", %{peers: peers} do
    # A holder on each peer keeps the member it starts linked to something.
    Enum.each(peers, &Node.spawn(&1, Membership, :hold_member, [peers])) #~ test/no-raw-spawn

    assert Enum.all?(peers, &(:erpc.call(&1, Membership, :size, []) == 3))
  end

  test "a holder on this node is the test's own process to clean up" do
    holder = Node.spawn(node(), fn -> receive(do: (:stop -> :ok)) end) #~ test/no-raw-spawn
    assert Membership.join(holder) == :ok
  end
end
