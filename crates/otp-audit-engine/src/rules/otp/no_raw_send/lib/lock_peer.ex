defmodule Locks.Peer do
  @moduledoc "One lock keeper per node; peers exchange what they hold as :info events."
  use GenStateMachine

  def start_link(opts), do: GenStateMachine.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, :syncing, %{held: %{}, peers: []}}

  @impl true
  def handle_event(:info, {:nodeup, node}, _state, data) do
    peer = :rpc.call(node, Process, :whereis, [__MODULE__], 5_000)
    send(peer, {:lock_sync, self(), data.held})
    # No clause of this module takes this one: still reported.
    send(peer, {:lock_hello, node()}) #~ otp/no-raw-send
    {:keep_state, %{data | peers: [peer | data.peers]}}
  end

  def handle_event(:info, {:lock_sync, _from, held}, _state, data) do
    {:next_state, :ready, %{data | held: Map.merge(data.held, held)}}
  end

  def handle_event(:info, _msg, _state, _data), do: :keep_state_and_data
end
