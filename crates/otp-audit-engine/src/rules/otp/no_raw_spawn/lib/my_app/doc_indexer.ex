defmodule MyApp.DocIndexer do
  @moduledoc "Indexes documents in the background, one worker per document."
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def index(uri), do: GenServer.cast(__MODULE__, {:index, uri})

  @impl true
  def init(_opts), do: {:ok, %{workers: %{}, indexed: %{}}}

  # A hand-written `async_nolink`: monitored, its `:DOWN` taken below, and its result
  # sent back to the server.
  @impl true
  def handle_cast({:index, uri}, state) do
    parent = self()

    {pid, ref} =
      spawn_monitor(fn -> #~ otp/no-raw-spawn
        send(parent, {:indexed, uri, MyApp.Index.build(uri)})
      end)

    {:noreply, put_in(state.workers[ref], {pid, uri})}
  end

  def handle_cast({:reindex, uri}, state) do
    server = self()
    spawn_monitor(fn -> GenServer.cast(server, {:indexed_again, uri, MyApp.Index.build(uri)}) end) #~ otp/no-raw-spawn
    {:noreply, state}
  end

  # Near miss: the worker reports to nobody, so the server learns only that it ended.
  def handle_cast({:warm, uri}, state) do
    {_pid, ref} = spawn_monitor(fn -> MyApp.Index.warm(uri) end) #~ otp/no-raw-spawn
    {:noreply, put_in(state.workers[ref], {nil, uri})}
  end

  @impl true
  def handle_info({:indexed, uri, index}, state) do
    {:noreply, put_in(state.indexed[uri], index)}
  end

  def handle_info({:indexed_again, uri, index}, state) do
    {:noreply, put_in(state.indexed[uri], index)}
  end

  def handle_info({:DOWN, ref, :process, _pid, reason}, state) do
    {{_, uri}, workers} = Map.pop(state.workers, ref)
    if reason != :normal, do: Logger.warning("indexing #{uri} failed: #{inspect(reason)}")
    {:noreply, %{state | workers: workers}}
  end

  def handle_info(_other, state), do: {:noreply, state}
end
