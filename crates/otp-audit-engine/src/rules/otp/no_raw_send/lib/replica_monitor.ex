defmodule MyApp.ReplicaMonitor do
  @moduledoc """
  Watches peer replicas. Whoever starts it may pass `observer: pid` (and
  `metrics: pid`) to be told when a replica comes up or goes down.
  """

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl GenServer
  def init(opts) do
    metrics = Keyword.get(opts, :metrics)

    {:ok,
     %{
       name: Keyword.fetch!(opts, :name),
       observer: opts[:observer],
       metrics: metrics,
       ledger: MyApp.Ledger,
       peers: %{}
     }}
  end

  @impl GenServer
  def handle_info({:peer_up, peer}, state) do
    notify(state, :replica_up)
    send(state.metrics, {:replica_count, map_size(state.peers) + 1}) #~ otp/no-raw-send
    {:noreply, %{state | peers: Map.put(state.peers, peer, true)}}
  end

  def handle_info({:peer_down, peer}, state) do
    notify(state, :replica_down)
    # A module attribute of the state, not a pid the starter gave: reported.
    send(state.ledger, {:replica_lost, peer}) #~ otp/no-raw-send
    {:noreply, %{state | peers: Map.delete(state.peers, peer)}}
  end

  def handle_info(_other, state), do: {:noreply, state}

  defp notify(%{observer: nil}, _event), do: :ok

  defp notify(%{observer: pid} = state, event) do
    send(pid, {event, state.name}) #~ otp/no-raw-send
  end
end
