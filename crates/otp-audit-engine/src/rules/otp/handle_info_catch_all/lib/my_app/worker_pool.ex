defmodule MyApp.WorkerPool do
  @moduledoc """
  Grows by booting workers in tasks. A boot can fail, and its task then replies
  `{ref, {:error, reason}}`, which no clause takes.
  """
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    {:ok, %{sup: Keyword.fetch!(opts, :task_sup), workers: %{}, pending: %{}}}
  end

  @impl true
  def handle_cast(:grow, state) do
    task = Task.Supervisor.async_nolink(state.sup, fn -> boot_worker() end)
    {:noreply, put_in(state.pending[task.ref], task.pid)}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) do
    {:noreply, %{state | pending: Map.delete(state.pending, ref)}}
  end

  def handle_info({ref, {:ok, pid}}, state) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {:noreply, %{state | pending: Map.delete(state.pending, ref), workers: Map.put(state.workers, pid, true)}}
  end

  def handle_info(:report, state) do #~ otp/handle-info-catch-all
    Logger.info("#{map_size(state.workers)} workers")
    {:noreply, state}
  end

  defp boot_worker do
    case MyApp.Worker.start() do
      {:ok, pid} -> {:ok, pid}
      {:error, reason} -> {:error, reason}
    end
  end
end

defmodule MyApp.Refresher do
  @moduledoc """
  Runs a refresh per file in a task, through a helper that takes a callback. Its
  `:DOWN` clause only takes the refs it still keeps, and each refresh replaces them,
  so a crashed task of an older refresh has its `:DOWN` land on no clause.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{sup: opts[:task_sup], refs: %{}}}

  @impl true
  def handle_cast({:refresh, paths}, state) do
    refs =
      with_each(paths, fn path ->
        task = Task.Supervisor.async_nolink(state.sup, fn -> MyApp.Checker.run(path) end)
        {task.ref, path}
      end)

    {:noreply, %{state | refs: Map.new(refs)}}
  end

  @impl true
  def handle_info({ref, _issues}, state) do
    Process.demonitor(ref, [:flush])
    {:noreply, %{state | refs: Map.delete(state.refs, ref)}}
  end

  def handle_info({:DOWN, ref, :process, _pid, _reason}, %{refs: refs} = state) #~ otp/handle-info-catch-all
      when is_map_key(refs, ref) do
    {:noreply, %{state | refs: Map.delete(refs, ref)}}
  end

  defp with_each(items, fun), do: Enum.map(items, fun)
end

defmodule MyApp.Prefetcher do
  @moduledoc """
  Every task it starts returns `{key, value}`, and its one reply clause takes that
  shape whatever the key: no task reply is left out.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_cast({:fetch, key}, state) do
    Task.async(fn -> {key, MyApp.Store.load(key)} end)
    {:noreply, state}
  end

  @impl true
  def handle_info({ref, {key, value}}, state) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {:noreply, Map.put(state, key, value)}
  end

  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state) do #~ otp/handle-info-catch-all
    {:noreply, state}
  end
end

defmodule MyApp.Connector do
  @moduledoc "Two reply clauses, one per kind of task: the narrow wording does not apply."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{sup: opts[:task_sup]}}

  @impl true
  def handle_cast(:connect, state) do
    Task.Supervisor.async_nolink(state.sup, fn -> {:connected, MyApp.Db.connect()} end)
    Task.Supervisor.async_nolink(state.sup, fn -> MyApp.Db.ping() end)
    {:noreply, state}
  end

  @impl true
  def handle_info({ref, {:connected, conn}}, state) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {:noreply, Map.put(state, :conn, conn)}
  end

  def handle_info({ref, :ok}, state) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {:noreply, state}
  end

  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state) do #~ otp/handle-info-catch-all
    {:noreply, state}
  end
end
