defmodule Shop.NodeTracker do
  @moduledoc "Tracks the worker node; its state module sets the monitor, the server takes the :DOWN."
  use GenServer

  defmodule State do
    defstruct [:node_pid, :node_ref]

    # Runs in the tracker's process: the :DOWN reaches Shop.NodeTracker.handle_info/2.
    def on_nodeup(%State{} = state, pid) do
      %State{state | node_pid: pid, node_ref: Process.monitor(pid)}
    end
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, %State{}}

  @impl true
  def handle_info({:nodeup, pid}, state), do: {:noreply, State.on_nodeup(state, pid)}

  def handle_info({:DOWN, ref, :process, _pid, _reason}, %State{node_ref: ref} = state) do
    {:noreply, %State{state | node_pid: nil, node_ref: nil}}
  end
end

defmodule Shop.NodeProbe do
  # A module of its own, not nested: nothing here takes the :DOWN.
  def watch(pid), do: Process.monitor(pid) && :ok #~ otp/monitor-leak
end
