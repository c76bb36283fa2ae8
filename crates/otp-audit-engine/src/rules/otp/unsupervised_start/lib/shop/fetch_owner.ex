defmodule Shop.FetchOwner do
  @moduledoc """
  Runs one price fetch for its waiters. The fetch is a linked worker; this server
  traps exits and turns the worker's end into replies, so it owns the worker
  without keeping its pid.
  """
  use GenServer

  def start_link(req), do: GenServer.start_link(__MODULE__, req)

  @impl GenServer
  def init(req) do
    Process.flag(:trap_exit, true)
    {:ok, %{req: req, waiters: []}, {:continue, :fetch}}
  end

  @impl GenServer
  def handle_continue(:fetch, state) do
    {:ok, _pid} = Shop.FetchWorker.start_link({state.req, self()})
    {:noreply, state}
  end

  @impl GenServer
  def handle_info({:EXIT, _pid, reason}, state) do #~ otp/handle-info-catch-all
    for w <- state.waiters, do: GenServer.reply(w, {:error, reason})
    {:stop, :normal, state}
  end
end

defmodule Shop.LabelRun do
  @moduledoc "Traps exits, but only takes the exit of the pid it keeps: a second start is not its own."
  use GenServer

  def start_link(batch), do: GenServer.start_link(__MODULE__, batch)

  @impl GenServer
  def init(batch) do
    Process.flag(:trap_exit, true)
    {:ok, %{batch: batch, printer: nil}}
  end

  @impl GenServer
  def handle_cast(:spool, state) do
    {:ok, _pid} = Shop.LabelSpooler.start_link(state.batch) #~ otp/unsupervised-start
    {:noreply, state}
  end

  @impl GenServer
  def handle_info({:EXIT, pid, reason}, %{printer: pid} = state), do: {:stop, reason, state}
  def handle_info(_msg, state), do: {:noreply, state}
end

defmodule Shop.Payments.Mock do
  @moduledoc "A payments client for tests: its server is linked to the test that builds it."

  defmodule Server do
    @moduledoc false
    use Agent
    def start_link(parent), do: Agent.start_link(fn -> %{parent: parent, charges: []} end)
  end

  def new(parent \\ self()) do
    {:ok, pid} = Server.start_link(parent)
    %{client: {__MODULE__, pid}}
  end

  def charge_later(%{client: {_, pid}}, amount) do
    me = self()
    Task.start_link(fn -> send(me, {:charged, Agent.get(pid, & &1.charges), amount}) end)
  end
end

defmodule Shop.Storage do
  @moduledoc "A storage behaviour whose child spec starts each backend's stack."
  @callback stack_start_link(map()) :: Supervisor.on_start()

  def child_spec({backend, opts}), do: %{id: backend, start: {backend, :stack_start_link, [opts]}}
end

defmodule Shop.Storage.Disk do
  @moduledoc false
  @behaviour Shop.Storage

  @impl Shop.Storage
  def stack_start_link(opts) do
    Supervisor.start_link([{Task.Supervisor, name: opts.task_sup}], strategy: :one_for_one)
  end

  # Named like a start function, but it starts a second tree and drops it.
  def warm_start_link(opts) do
    Supervisor.start_link([{Task.Supervisor, name: opts.warm_sup}], strategy: :one_for_one) #~ otp/unsupervised-start
    :ok
  end
end
