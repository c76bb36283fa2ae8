defmodule MyApp.ConflictLogTest do
  use ExUnit.Case, async: false
  import ExUnit.CaptureLog

  @moduletag :cluster

  test "a name registered on both nodes is resolved once they connect" do
    {:ok, _peer, node2} = MyApp.Cluster.start_unclustered_node()
    {:ok, _pid} = MyApp.Tenants.start("t1")

    log =
      capture_log(fn ->
        # Connecting sets off the registries' conflict resolution on both nodes.
        true = Node.connect(node2)
        Process.sleep(500) #~ test/no-sleep
      end)

    assert log =~ "resolving conflict"
  end

  test "a plain log line" do
    log =
      capture_log(fn ->
        MyApp.Tenants.log_status("t1")
        Process.sleep(50) #~ test/no-sleep
      end)

    assert log =~ "status"
  end
end
