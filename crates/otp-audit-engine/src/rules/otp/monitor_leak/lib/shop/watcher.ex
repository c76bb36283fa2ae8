defmodule Shop.Watcher do
  @moduledoc "Tracks payment workers and forgets them when they exit."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def watch(pid), do: GenServer.call(__MODULE__, {:watch, pid}, 5_000)

  @impl true
  def init(_opts), do: {:ok, %{refs: %{}}}

  @impl true
  def handle_call({:watch, pid}, _from, state) do
    ref = Process.monitor(pid)
    {:reply, :ok, put_in(state.refs[ref], pid)}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) do
    {:noreply, %{state | refs: Map.delete(state.refs, ref)}}
  end
end
