defmodule MyApp.BrokerClient do
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    case MyApp.Broker.connect(opts[:hosts]) do
      {:ok, conn} ->
        {:ok, %{conn: conn, hosts: opts[:hosts]}}

      {:error, :no_broker} ->
        # Slow the supervisor's restart loop down before giving up.
        sleep_before_retry()
        raise "no broker reachable at #{inspect(opts[:hosts])}"

      {:error, reason} ->
        sleep_before_retry()
        {:stop, {:connect_failed, reason}}
    end
  end

  @impl true
  def handle_info(:reconnect, state) do
    # Not before a crash: the server just stops for the pause.
    Process.sleep(1_000) #~ otp/blocking-in-callback
    {:noreply, %{state | conn: MyApp.Broker.connect!(state.hosts)}}
  end

  @impl true
  def handle_cast(:broker_gone, _state) do
    Process.sleep(200) #~ otp/blocking-in-callback
    Kernel.exit(:broker_gone)
  end

  defp sleep_before_retry do
    Process.sleep(Application.get_env(:my_app, :reconnect_pause, 400)) #~ otp/blocking-in-callback
  end
end
