defmodule Shop.RemoteNode do
  @moduledoc """
  Boots the pricing node. Its `start_link/1` only asks the node supervisor to start
  the node's process and returns `{:ok, node, pid}`: the caller is linked to nothing.
  """

  def start_link(config) do
    node = node_name(config)

    with {:ok, pid} <- Shop.RemoteNode.Supervisor.start_node(config) do
      {:ok, node, pid}
    end
  end

  defp node_name(config), do: :"pricing-#{config.id}@127.0.0.1"
end

defmodule Shop.RemoteNode.Supervisor do
  use DynamicSupervisor

  def start_link(opts), do: DynamicSupervisor.start_link(__MODULE__, opts, name: __MODULE__)

  def start_node(config), do: DynamicSupervisor.start_child(__MODULE__, {Shop.RemoteNode.Server, config})

  @impl true
  def init(_opts), do: DynamicSupervisor.init(strategy: :one_for_one)
end
