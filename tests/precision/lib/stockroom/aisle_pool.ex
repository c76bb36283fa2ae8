defmodule Stockroom.AislePool do
  @moduledoc "One DynamicSupervisor per aisle; each is started through this module's `start_aisle/2`."
  use Supervisor

  def start_link(aisles), do: Supervisor.start_link(__MODULE__, aisles, name: __MODULE__)

  def aisle(table, i) do
    [{^i, pid}] = :ets.lookup(table, i)
    pid
  end

  @impl true
  def init(aisles) do
    table = :ets.new(__MODULE__, [:public, :named_table, read_concurrency: true])

    children =
      for i <- 1..aisles do
        Supervisor.child_spec({DynamicSupervisor, []},
          id: {:aisle, i},
          start: {__MODULE__, :start_aisle, [table, i]}
        )
      end

    Supervisor.init(children, strategy: :one_for_one)
  end

  def start_aisle(table, i) do
    case DynamicSupervisor.start_link(strategy: :one_for_one) do
      {:ok, pid} ->
        :ets.insert(table, {i, pid})
        {:ok, pid}

      other ->
        other
    end
  end
end
