defmodule MyApp.MeshTest do
  use ExUnit.Case, async: true

  # fixture: needs the project
  # The names are mentioned elsewhere only by MeshFixtures, test support that this
  # module alone drives: no other test can start them.
  test "members find their peers through init/1" do
    {:ok, _} = MyApp.MeshFixtures.NodeA.start_link([], name: :mesh_node_a)
    {:ok, _} = MyApp.MeshFixtures.NodeB.start_link([], name: :mesh_node_b)
    assert length(MyApp.Mesh.members(:mesh_node_a)) == 2
  end

  # SharedPeers also lists these names, and PeerSyncTest drives it too.
  test "a name that shared support code lists can clash" do
    {:ok, _} = MyApp.SharedPeers.start_link([], name: :peer_left) #~ test/start-supervised
    assert MyApp.Mesh.members(:peer_left) == [:peer_left]
  end
end
