defmodule MyApp.NightlyCompactor do
  @moduledoc "Compacts old rows once a night; a shutdown waits for the running pass."
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # Nothing is linked here: trapping only makes a supervisor shutdown wait for
  # the running pass. Reported as info, with a message that says so.
  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    every = Keyword.get(opts, :every, :timer.hours(24))
    schedule(every)
    {:ok, %{every: every}}
  end

  @impl true
  def handle_info(:compact, state) do
    MyApp.Repo.compact_rows(older_than_days: 30)
    schedule(state.every)
    {:noreply, state}
  end

  def handle_info(message, state) do
    Logger.warning("unexpected message: #{inspect(message)}")
    {:noreply, state}
  end

  defp schedule(every), do: Process.send_after(self(), :compact, every)
end

defmodule MyApp.ThumbnailDaemon do
  @moduledoc "Feeds images to an external resizer over a port."
  use GenServer

  def start_link(cmd), do: GenServer.start_link(__MODULE__, cmd)

  @impl true
  def init(cmd) do
    # The port is linked: its exit arrives as a message that nothing here matches.
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    port = Port.open({:spawn, cmd}, [:binary, packet: 4])
    {:ok, %{port: port}}
  end

  @impl true
  def handle_cast({:resize, image}, state) do
    Port.command(state.port, image)
    {:noreply, state}
  end

  @impl true
  def handle_info({port, {:data, thumb}}, %{port: port} = state) do
    MyApp.Thumbnails.store(thumb)
    {:noreply, state}
  end

  def handle_info(_message, state), do: {:noreply, state}
end
