defmodule MyApp.Testing.MemoryStore do
  @moduledoc """
  A store adapter that keeps everything in one process's memory.

  It is only designed for testing purposes: applications point their test
  configuration at it instead of the database-backed store.
  """
  use GenServer

  def start_link(_opts), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  # A test that waits 5 s and exits is the failure it wants: no finding.
  def append(key, events), do: GenServer.call(__MODULE__, {:append, key, events})
  def read(key), do: GenServer.call(__MODULE__, {:read, key})

  @impl true
  def init(state), do: {:ok, state}

  @impl true
  def handle_call({:append, key, events}, _from, state) do
    {:reply, :ok, Map.update(state, key, events, &(&1 ++ events))}
  end

  def handle_call({:read, key}, _from, state), do: {:reply, Map.get(state, key, []), state}
end

defmodule MyApp.Testing.Recorder do
  @moduledoc """
  Records what the store was asked, for the dashboard. Tests read it as well,
  but it runs in production.
  """
  use GenServer

  def start_link(_opts), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  def record(entry), do: GenServer.call(__MODULE__, {:record, entry}) #~ otp/call-timeout

  @impl true
  def init(entries), do: {:ok, entries}

  @impl true
  def handle_call({:record, entry}, _from, entries) do
    MyApp.Dashboard.push(entry)
    {:reply, :ok, [entry | entries]}
  end
end
