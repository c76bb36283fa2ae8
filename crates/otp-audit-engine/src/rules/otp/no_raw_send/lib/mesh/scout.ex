# fixture: needs the project
defmodule Mesh.Scout do
  @moduledoc false
  use GenServer

  defstruct [:report_to, :seeds]

  def start_link(opts) do
    state = %__MODULE__{report_to: Keyword.fetch!(opts, :report_to), seeds: Keyword.get(opts, :seeds, [])}
    GenServer.start_link(__MODULE__, state)
  end

  # Discovery runs before `start_link` returns: the cluster is still waiting for us.
  @impl true
  def init(%__MODULE__{} = state) do
    state = announce(state, discover(state.seeds))
    hail(:global.whereis_name(:mesh_leader))
    {:ok, state}
  end

  @impl true
  def handle_info({:lost, host, port}, state) do
    send(state.report_to, {:peer, :down, host, port})
    # The cluster has no clause for this one: reported.
    send(state.report_to, {:peer_flapping, host, port}) #~ otp/no-raw-send
    {:noreply, state}
  end

  def handle_info(_other, state), do: {:noreply, state}

  defp announce(state, peers) do
    send(state.report_to, {:peers_found, peers})
    # Not matched by the cluster either, but `state` is the `init/1` argument and
    # `report_to` the observer the starter named: info.
    send(state.report_to, {:scout_ready, self()}) #~ otp/no-raw-send
    state
  end

  # Sent from `init/1` to a pid from elsewhere, so the message must not advise a call
  # back to the starter, which may be the one waiting.
  defp hail(leader), do: send(leader, {:scout_hello, self()}) #~ otp/no-raw-send

  defp discover(seeds), do: Map.new(seeds, &{&1, :up})
end
