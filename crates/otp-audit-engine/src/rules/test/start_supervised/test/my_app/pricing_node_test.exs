defmodule MyApp.PricingNodeTest do
  use ExUnit.Case, async: false

  # MyApp.PricingNode.start_link/1 links nothing to this process: not reported.
  setup_all do
    start_supervised!(MyApp.NodeSupervisor)
    {:ok, node, _pid} = MyApp.PricingNode.start_link(%{node: :"pricing@127.0.0.1"})
    %{node: node}
  end

  test "the node answers", %{node: node} do
    assert MyApp.PricingNode.Server.ping(node) == :pong
  end
end
