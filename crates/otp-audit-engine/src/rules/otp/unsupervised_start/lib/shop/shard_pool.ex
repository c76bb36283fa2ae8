defmodule Shop.ShardPool do
  @moduledoc "One DynamicSupervisor per shard, started by this supervisor through a custom `start:`."
  use Supervisor

  def start_link(shards), do: Supervisor.start_link(__MODULE__, shards, name: __MODULE__)

  @impl true
  def init(shards) do
    table = :ets.new(__MODULE__, [:public, read_concurrency: true])

    children =
      for i <- 1..shards do
        %{id: {:shard, i}, start: {__MODULE__, :start_shard, [table, i]}, type: :supervisor}
      end

    Supervisor.init(children, strategy: :one_for_one)
  end

  def start_shard(table, i) do
    with {:ok, pid} <- DynamicSupervisor.start_link(strategy: :one_for_one) do
      :ets.insert(table, {i, pid})
      {:ok, pid}
    end
  end

  def start_spare(table) do
    {:ok, pid} = DynamicSupervisor.start_link(strategy: :one_for_one) #~ otp/unsupervised-start
    :ets.insert(table, {:spare, pid})
    pid
  end
end
