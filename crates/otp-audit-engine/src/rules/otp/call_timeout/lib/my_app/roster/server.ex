defmodule MyApp.Roster.Server do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  @impl true
  def init(opts), do: {:ok, %{store: opts[:store], members: MapSet.new()}}

  @impl true
  def handle_call(:roster_members, _from, state) do
    {:reply, MapSet.to_list(state.members), state}
  end

  def handle_call({:roster_join, member}, _from, state) do
    :ok = MyApp.Roster.Store.save(state.store, member)
    {:reply, :ok, %{state | members: MapSet.put(state.members, member)}}
  end

  def handle_call(:roster_size, _from, state) do
    {:reply, MapSet.size(state.members), state}
  end
end

defmodule MyApp.Roster.Mirror do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, opts}

  @impl true
  def handle_call(:roster_size, _from, state) do
    {:reply, MyApp.Roster.Store.count(state[:store]), state}
  end
end
