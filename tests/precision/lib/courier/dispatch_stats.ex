defmodule Courier.DispatchStats do
  @moduledoc """
  Keeps per-depot dispatch counters. The telemetry handler attached in `init/1`
  runs in the dispatching processes, which report to this server.
  """
  use GenServer

  @timeout 2_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def counts, do: GenServer.call(__MODULE__, :counts, @timeout)

  @impl true
  def init(opts) do
    handler_id = {__MODULE__, Keyword.get(opts, :depot, :all)}

    :ok =
      :telemetry.attach(
        handler_id,
        [:courier, :dispatch, :stop],
        fn _event, %{duration: duration}, %{depot: depot}, _config ->
          GenServer.call(__MODULE__, {:record, depot, duration}, @timeout)
        end,
        nil
      )

    {:ok, %{handler_id: handler_id, counts: %{}}}
  end

  @impl true
  def handle_call({:record, depot, duration}, _from, state) do
    counts = Map.update(state.counts, depot, {1, duration}, fn {n, total} -> {n + 1, total + duration} end)
    {:reply, :ok, %{state | counts: counts}}
  end

  def handle_call(:counts, _from, state), do: {:reply, state.counts, state}

  @impl true
  def terminate(_reason, state) do
    :telemetry.detach(state.handler_id)
  end
end
