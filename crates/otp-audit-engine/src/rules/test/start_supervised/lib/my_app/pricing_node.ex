defmodule MyApp.PricingNode do
  @moduledoc "Its start_link asks the node supervisor to start the node: the caller is linked to nothing."

  def start_link(config) do
    with {:ok, pid} <- DynamicSupervisor.start_child(MyApp.NodeSupervisor, {MyApp.PricingNode.Server, config}) do
      {:ok, config.node, pid}
    end
  end
end
