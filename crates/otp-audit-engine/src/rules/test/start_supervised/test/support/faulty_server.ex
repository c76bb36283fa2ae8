defmodule MyApp.FaultyServer do
  @moduledoc """
  A server the error-reporting tests make fail on demand, each message a different
  way to end.
  """
  use GenServer

  @impl true
  def init(arg), do: {:ok, arg}

  @impl true
  def handle_call({:stop, reason}, _from, state), do: {:stop, reason, state}
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}

  @impl true
  def handle_cast({:raise, message}, state) do
    raise message
    {:noreply, state}
  end

  def handle_cast({:exit, reason}, state) do
    exit(reason)
    {:noreply, state}
  end

  # A throw is the callback's return value: the server may well go on.
  def handle_cast({:throw, value}, _state) do
    throw(value)
  end

  def handle_cast({:maybe_stop, reason}, state) do
    if reason == :never, do: {:noreply, state}, else: {:stop, reason, state}
  end
end
