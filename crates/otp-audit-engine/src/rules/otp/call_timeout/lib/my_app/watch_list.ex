defmodule MyApp.WatchList do
  @moduledoc """
  Remembers which processes watch a topic. `watch/2` monitors the watcher and adds
  it to a set, `count/1` and `slot/2` read the state: all three reply at once.
  `announce/2` asks every watcher in turn, so it waits on other processes.
  """
  use GenServer

  def start_link(topic), do: GenServer.start_link(__MODULE__, topic)

  def watch(server, pid), do: GenServer.call(server, {:watch, pid}) #~ otp/call-timeout
  def count(server), do: GenServer.call(server, :count) #~ otp/call-timeout
  def slot(server, n), do: GenServer.call(server, {:slot, n}) #~ otp/call-timeout
  def announce(server, note), do: GenServer.call(server, {:announce, note}) #~ otp/call-timeout

  @impl true
  def init(topic), do: {:ok, %{topic: topic, watchers: MapSet.new(), slots: [:a, :b]}}

  @impl true
  def handle_call({:watch, pid}, _from, state) do
    Process.monitor(pid)
    {:reply, :ok, %{state | watchers: MapSet.put(state.watchers, pid)}}
  end

  def handle_call(:count, _from, state), do: {:reply, MapSet.size(state.watchers), state}

  def handle_call({:slot, n}, _from, state) do
    index = rem(n, length(state.slots))
    {:reply, Enum.at(state.slots, index), state}
  end

  def handle_call({:announce, note}, _from, state) do
    for pid <- state.watchers, do: GenServer.call(pid, {:note, note}, 1_000)
    {:reply, :ok, state}
  end

  @impl true
  def handle_info({:DOWN, _ref, :process, pid, _reason}, state) do
    {:noreply, %{state | watchers: MapSet.delete(state.watchers, pid)}}
  end
end
