defmodule MyApp.Presence.ReplicaMembership do
  @moduledoc """
  Keeps the replicated presence map of this node in step with the cluster: joins
  and leaves go through the CRDT library's API, the neighbour list is pushed when
  the cluster changes.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  @impl true
  def init(opts) do
    :ok = :net_kernel.monitor_nodes(true, node_type: :visible)
    {:ok, %{name: opts[:name], audit: MyApp.Presence.Audit}}
  end

  def join(server, key, meta), do: GenServer.call(server, {:join, key, meta}, 5_000)

  @impl true
  def handle_call({:join, key, meta}, _from, state) do
    ReplicaMap.put(replica(state.name), key, meta, :infinity)
    {:reply, :ok, state}
  end

  @impl true
  def handle_info({:nodeup, _node, _info}, state) do
    peers = Enum.map(Node.list(), &{replica(state.name), &1})
    # The library's own message, sent by hand: ReplicaMap.set_neighbours/2 is its API.
    send(replica(state.name), {:set_neighbours, peers}) #~ otp/no-raw-send
    {:noreply, state}
  end

  def handle_info({:nodedown, node, _info}, state) do
    ReplicaMap.delete(replica(state.name), {:node, node}, :infinity)
    {:noreply, state}
  end

  # Two modules are called with this destination: which one owns it is not clear,
  # so the advice stays the general one.
  def handle_info({:audit, node}, state) do
    AuditLog.append(state.audit, {:node, node})
    Archive.store(state.audit, node)
    send(state.audit, {:flush, node}) #~ otp/no-raw-send
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  defp replica(name), do: :"#{name}.Replica"
end
