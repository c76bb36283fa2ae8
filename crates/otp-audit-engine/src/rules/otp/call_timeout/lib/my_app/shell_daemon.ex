defmodule MyApp.ShellDaemon do
  @moduledoc """
  Runs the device's remote shell daemon. If the daemon cannot start, the server
  waits a moment before it stops, so that its supervisor does not restart it in
  a tight loop.
  """
  use GenServer
  require Logger

  @cool_off 500

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def configuration, do: GenServer.call(__MODULE__, :configuration) #~ otp/call-timeout

  @impl true
  def init(opts), do: {:ok, %{opts: opts, daemon: nil}, {:continue, :start_daemon}}

  @impl true
  def handle_continue(:start_daemon, state) do
    case MyApp.Daemon.start(state.opts) do
      {:ok, daemon} ->
        {:noreply, %{state | daemon: daemon}}

      error ->
        Logger.error("daemon did not start: #{inspect(error)}")
        Process.sleep(@cool_off)
        {:stop, {:daemon_error, error}, state}
    end
  end

  @impl true
  def handle_call(:configuration, _from, state), do: {:reply, state.opts, state}
end

defmodule MyApp.SlowStart do
  @moduledoc "Near miss: start-up sleeps, then goes on serving."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def configuration, do: GenServer.call(__MODULE__, :configuration) #~ otp/call-timeout

  @impl true
  def init(opts), do: {:ok, %{opts: opts}, {:continue, :settle}}

  @impl true
  def handle_continue(:settle, state) do
    Process.sleep(2_000)
    {:noreply, state}
  end

  @impl true
  def handle_call(:configuration, _from, state), do: {:reply, state.opts, state}
end
