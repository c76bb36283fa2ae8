defmodule MyApp.TopologyWatch do
  @moduledoc """
  Tracks the pipeline graph. Observers subscribe by sending
  `{:subscribe, pid, opts}`; they get a confirmation, the current graph, and every
  change after that.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{graph: [], observers: %{}}}

  @impl true
  def handle_info(msg, state), do: do_handle_info(msg, state)

  # The observer subscribed itself and is kept in the state: what it gets back is a
  # subscriber's notice (info).
  defp do_handle_info({:subscribe, pid, opts}, state) do
    Process.monitor(pid)
    if ref = opts[:confirm], do: send(pid, {:subscribed, ref}) #~ otp/no-raw-send
    state = put_in(state, [:observers, pid], opts)
    send(pid, {:graph, :add, state.graph}) #~ otp/no-raw-send
    {:noreply, state}
  end

  # A pid that came with a raw message and is not kept: a raw send (warning).
  defp do_handle_info({:ping, from}, state) do
    send(from, {:pong, length(state.graph)}) #~ otp/no-raw-send
    {:noreply, state}
  end

  defp do_handle_info({:DOWN, _ref, :process, pid, _reason}, state) do
    {:noreply, %{state | observers: Map.delete(state.observers, pid)}}
  end
end
