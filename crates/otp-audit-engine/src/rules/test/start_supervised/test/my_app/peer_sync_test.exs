defmodule MyApp.PeerSyncTest do
  use ExUnit.Case, async: true

  test "the shared peer list builds a worker child spec" do
    assert %{start: {MyApp.SharedPeers, :start_link, _}} = MyApp.SharedPeers.child_spec([])
  end
end
