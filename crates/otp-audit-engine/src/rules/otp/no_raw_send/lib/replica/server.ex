defmodule Replica.Server do
  use GenServer

  @impl true
  def init(opts), do: {:ok, %{peers: [], data: %{}, opts: opts}}

  @impl true
  def handle_call({:read, key}, _from, state), do: {:reply, Map.get(state.data, key), state}

  @impl true
  def handle_info({:set_peers, peers}, state), do: {:noreply, %{state | peers: peers}}
end
