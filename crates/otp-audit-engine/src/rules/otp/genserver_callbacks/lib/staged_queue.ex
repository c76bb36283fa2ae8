defmodule StagedQueue do #~ otp/genserver-callbacks
  @moduledoc """
  A queue of jobs run by a pool of consumers. List `{StagedQueue, name: :jobs}` as a
  child; the pid it returns is the feeder to enqueue to.
  """
  use GenServer

  def start_link(opts \\ []), do: init(opts)

  def init(opts \\ []) do
    {:ok, feeder} = StagedQueue.Feeder.start_link(opts[:name])
    {:ok, _pool} = StagedQueue.Pool.start_link(feeder: feeder, size: Keyword.get(opts, :workers, 4))
    {:ok, feeder}
  end

  def enqueue(feeder, job), do: StagedQueue.Feeder.push(feeder, job)
end

defmodule StagedQueue.Keeper do #~ otp/genserver-callbacks
  @moduledoc "Keeps the queue's settings for as long as the node runs."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}
end
