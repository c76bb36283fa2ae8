defmodule MyApp.JobQueue do
  @moduledoc """
  Callbacks that talk to other servers, or to this one from another process,
  do not call themselves.
  """
  use GenServer

  require Logger

  @call_timeout 5_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def enqueue(job), do: GenServer.call(__MODULE__, {:enqueue, job}, @call_timeout)

  def peek(server \\ __MODULE__), do: GenServer.call(server, :peek, @call_timeout)

  @impl true
  def init(opts) do
    {:ok, %{jobs: :queue.new(), worker: Keyword.fetch!(opts, :worker)}}
  end

  @impl true
  def handle_call({:enqueue, job}, _from, state) do
    :ok = GenServer.call(MyApp.JobLog, {:record, job}, @call_timeout)
    {:reply, :ok, %{state | jobs: :queue.in(job, state.jobs)}}
  end

  def handle_call(:peek, _from, state), do: {:reply, :queue.peek(state.jobs), state}

  @impl true
  def handle_cast({:retry, job}, state) do
    # Runs in a task, so this call comes from another process.
    Task.Supervisor.start_child(MyApp.TaskSupervisor, fn ->
      GenServer.call(__MODULE__, {:enqueue, job}, @call_timeout)
    end)
    {:noreply, state}
  end

  def handle_cast(:poke_worker, state) do
    _ = peek(state.worker)
    GenServer.cast(__MODULE__, :tick)
    {:noreply, state}
  end

  def handle_cast(:tick, state), do: {:noreply, state}

  @impl true
  def handle_info(msg, state) do
    Logger.debug("ignored #{inspect(msg)}")
    {:noreply, state}
  end

  # Not a callback: called by other processes.
  def drain do
    GenServer.call(__MODULE__, :drain) #~ otp/call-timeout
  end
end
