defmodule Shop.Tally do
  # Counts the lanes registered with it and stops once the last one has left.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, MapSet.new()}

  @impl true
  def handle_call({:join, lane}, _from, lanes), do: {:reply, :ok, MapSet.put(lanes, lane)}

  @impl true
  def handle_cast({:leave, lane}, lanes) do
    lanes = MapSet.delete(lanes, lane)
    if MapSet.size(lanes) == 0, do: {:stop, :normal, lanes}, else: {:noreply, lanes}
  end
end

defmodule Shop.TallyGroups do
  # Plain functions: the checkout process that calls them keeps the map of tallies.
  def tallies_for(groups) do
    groups
    |> Enum.flat_map(fn lanes ->
      {:ok, tally} = Shop.Tally.start_link([])
      Enum.map(lanes, &{&1, tally})
    end)
    |> Map.new()
  end

  def announce_all(groups) do
    Enum.each(groups, fn lanes ->
      {:ok, tally} = Shop.Tally.start_link([]) #~ otp/unsupervised-start
      Enum.each(lanes, &GenServer.call(tally, {:join, &1}, 5_000))
    end)

    :ok
  end
end
