defmodule MyApp.ChunkIndexer do
  # Indexes in chunks, one task per chunk, every one waited for before the callback
  # returns: no reply or :DOWN of theirs can reach handle_info/2 later.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{index: %{}}}

  @impl true
  def handle_cast({:index, docs}, state) do
    entries =
      docs
      |> Enum.chunk_every(100)
      |> Enum.map(fn chunk -> Task.async(fn -> MyApp.Tokenizer.run(chunk) end) end)
      |> Task.yield_many(:infinity)
      |> Enum.flat_map(fn {_task, {:ok, entries}} -> entries end)

    {:noreply, %{state | index: Map.merge(state.index, Map.new(entries))}}
  end

  @impl true
  def handle_info(:compact, state), do: {:noreply, %{state | index: MyApp.Index.compact(state.index)}} #~ otp/handle-info-catch-all
end

defmodule MyApp.ChunkIndexerWithDeadline do
  # The same batch with a five-second deadline: the slow tasks keep running and their
  # replies arrive later, into handle_info/2.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, %{index: %{}}}

  @impl true
  def handle_cast({:index, docs}, state) do
    tasks = Enum.map(Enum.chunk_every(docs, 100), fn chunk -> Task.async(fn -> MyApp.Tokenizer.run(chunk) end) end)
    entries = for {_task, {:ok, entries}} <- Task.yield_many(tasks, 5_000), entry <- entries, do: entry
    {:noreply, %{state | index: Map.merge(state.index, Map.new(entries))}}
  end

  @impl true
  def handle_info(:compact, state), do: {:noreply, %{state | index: MyApp.Index.compact(state.index)}} #~ otp/handle-info-catch-all
end
