defmodule MyApp.NodePool do
  @moduledoc "Keeps the list of connected nodes; every node event has a clause."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def nodes, do: GenServer.call(__MODULE__, :nodes, 5_000)

  @impl true
  def init(_opts) do
    :ok = :net_kernel.monitor_nodes(true)
    {:ok, MapSet.new(Node.list())}
  end

  @impl true
  def handle_call(:nodes, _from, nodes), do: {:reply, MapSet.to_list(nodes), nodes}

  @impl true
  def handle_info({:nodeup, node}, nodes), do: {:noreply, MapSet.put(nodes, node)}

  def handle_info({:nodedown, node}, nodes), do: {:noreply, MapSet.delete(nodes, node)} #~ otp/handle-info-catch-all
end

defmodule MyApp.NodePool.Departures do
  @moduledoc "Control: it subscribes to node events but has no clause for `:nodeup`."
  use GenServer

  @impl true
  def init(_opts) do
    :ok = :net_kernel.monitor_nodes(true)
    {:ok, []}
  end

  @impl true
  def handle_info({:nodedown, node}, gone), do: {:noreply, [node | gone]} #~ otp/handle-info-catch-all
end
