defmodule Shop.LedgerLink do
  @moduledoc "Holds a database connection for the ledger, opened after init/1."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{opts: opts, conn: nil, replica: nil}, {:continue, :connect}}

  # Only init/1 asks for this continue: the server's own start, not reported.
  @impl true
  def handle_continue(:connect, state) do
    with {:ok, conn} <- Shop.DB.start_link(state.opts) do
      {:noreply, %{state | conn: conn}}
    end
  end

  # The new connection replaces the one kept, which is stopped: not reported.
  @impl true
  def handle_call({:rotate, opts}, _from, state) do
    {:ok, conn} = Shop.DB.start_link(opts)
    Shop.DB.stop_async(state.conn)
    {:reply, :ok, %{state | conn: conn}}
  end

  # A second connection kept beside the first, which nobody stops: info.
  def handle_call({:attach_replica, opts}, _from, state) do
    {:ok, replica} = Shop.DB.start_link(opts) #~ otp/unsupervised-start
    {:reply, :ok, %{state | replica: replica}}
  end

  # A one-off connection for a check, closed by a helper named for it: not reported.
  def check(opts) do
    {:ok, conn} = Shop.DB.start_link(opts)
    result = Shop.DB.query(conn, "select 1")
    Shop.DB.disconnect_async(conn)
    result
  end
end

defmodule Shop.LedgerRetry do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{opts: opts, conn: nil}, {:continue, :connect}}

  # The continue is asked for again on every retry: each run keeps another one.
  @impl true
  def handle_continue(:connect, state) do
    {:ok, conn} = Shop.DB.start_link(state.opts) #~ otp/unsupervised-start
    {:noreply, %{state | conn: conn}}
  end

  @impl true
  def handle_info(:retry, state), do: {:noreply, state, {:continue, :connect}}
end

defmodule Shop.DriverPort do
  @moduledoc "Runs an external driver; a linked task polls it until it is ready."
  use GenServer

  def start_link(path), do: GenServer.start_link(__MODULE__, path)

  @impl true
  def init(path), do: {:ok, %{path: path, port: nil, ready?: false}, {:continue, :open}}

  # The readiness poller is part of the server's own start: not reported.
  @impl true
  def handle_continue(:open, state) do
    port = Port.open({:spawn_executable, state.path}, [:binary])
    poll_until_ready(self())
    {:noreply, %{state | port: port}}
  end

  @impl true
  def handle_info(:ready, state), do: {:noreply, %{state | ready?: true}}

  def handle_cast(:recheck, state) do
    # A second poller, started from a request: each recheck starts another.
    recheck(self())
    {:noreply, state}
  end

  defp poll_until_ready(server) do
    Task.start_link(fn -> wait_ready(server) end)
  end

  defp recheck(server) do
    Task.start_link(fn -> wait_ready(server) end) #~ otp/unsupervised-start
  end

  defp wait_ready(server) do
    Process.sleep(100)
    send(server, :ready)
  end
end

defmodule Shop.DisplayPort do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  # A tuple continue tag carrying init's argument: still asked for by init/1 alone.
  def init(opts), do: {:ok, %{driver_sup: nil}, {:continue, {:init, opts}}}

  def handle_continue({:init, opts}, state) do
    {:ok, driver_sup} = DynamicSupervisor.start_link(strategy: :one_for_one)
    {:noreply, %{state | driver_sup: driver_sup} |> Map.put(:opts, opts)}
  end
end
