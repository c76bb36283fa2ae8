defmodule MyApp.RouteTracker do
  @moduledoc """
  Keeps the graph of routes between gateways. `handle_info/2` hands every message to
  a private dispatcher, whose clauses match the messages the client functions send.
  """

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def add_route(tracker, from, to) do
    send(tracker, {:route, %{op: :add, from: from, to: to}})
    :ok
  end

  def drop_route(tracker, from, to) do
    send(tracker, {:route, %{op: :drop, from: from, to: to}})
    :ok
  end

  def watch(tracker), do: send(tracker, {:watch, self(), :routes})

  def announce(gateway) do
    # Received by the gateway, not by this module: reported.
    send(gateway, {:routes_changed, self()}) #~ otp/no-raw-send
    :ok
  end

  @impl true
  def init(_opts), do: {:ok, %{routes: MapSet.new(), watchers: []}}

  @impl true
  def handle_info(msg, state) do
    try do
      route_message(msg, state)
    rescue
      error -> {:stop, error, state}
    end
  end

  defp route_message({:route, %{op: :add} = route}, state),
    do: {:noreply, %{state | routes: MapSet.put(state.routes, {route.from, route.to})}}

  defp route_message({:route, %{op: :drop} = route}, state),
    do: {:noreply, %{state | routes: MapSet.delete(state.routes, {route.from, route.to})}}

  defp route_message({:watch, pid, :routes}, state),
    do: {:noreply, %{state | watchers: [pid | state.watchers]}}

  defp route_message(_other, state), do: {:noreply, state}
end
