defmodule MyApp.ReplicaStatus do
  @moduledoc "Tracks which replicas are up; each watch is a tagged monitor."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def watch(name, pid), do: GenServer.cast(__MODULE__, {:watch, name, pid})

  @impl GenServer
  def init(_opts), do: {:ok, %{}}

  @impl GenServer
  def handle_cast({:watch, name, pid}, state) do
    Process.monitor(pid, tag: {:replica_down, name})
    {:noreply, Map.put(state, name, :up)}
  end

  # Every :DOWN of its own monitors arrives here, tagged: only a message that other
  # code sends could miss the clauses.
  @impl GenServer
  def handle_info({{:replica_down, name}, _ref, :process, _pid, _reason}, state) do #~ otp/handle-info-catch-all
    {:noreply, Map.put(state, name, :down)}
  end
end

defmodule MyApp.LaneStatus do
  @moduledoc "Like ReplicaStatus, but its clause takes another tag than the monitor's."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def watch(lane, pid), do: GenServer.cast(__MODULE__, {:watch, lane, pid})

  @impl GenServer
  def init(_opts), do: {:ok, %{}}

  @impl GenServer
  def handle_cast({:watch, lane, pid}, state) do
    Process.monitor(pid, tag: {:lane_down, lane}) #~ otp/monitor-leak
    {:noreply, Map.put(state, lane, :up)}
  end

  @impl GenServer
  def handle_info({{:lane_gone, lane}, _ref, :process, _pid, _reason}, state) do #~ otp/handle-info-catch-all
    {:noreply, Map.put(state, lane, :down)}
  end
end
