defmodule MyApp.Uploader do
  @moduledoc """
  The non-blocking shapes: timers instead of sleeps, async_nolink with the reply
  handled in handle_info/2, waiting done in other processes or in client code.
  """
  use GenServer

  require Logger

  @retry_after 1_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def upload(path), do: GenServer.call(__MODULE__, {:upload, path}, 30_000)

  # Client side: runs in the caller, not in the server.
  def await_ready(timeout) do
    receive do
      {:uploader_ready, pid} -> {:ok, pid}
    after
      timeout -> {:error, :timeout}
    end
  end

  @impl true
  def init(opts), do: {:ok, %{opts: opts, tasks: %{}}}

  @impl true
  def handle_call({:upload, path}, from, state) do
    task =
      Task.Supervisor.async_nolink(MyApp.TaskSupervisor, fn ->
        MyApp.Storage.put(path)
      end)

    {:noreply, put_in(state.tasks[task.ref], {task, path, from})}
  end

  def handle_call({:cancel, ref}, _from, state) do
    {{task, path, from}, tasks} = Map.pop(state.tasks, ref)
    # A zero timeout only checks whether the result is already here.
    result = Task.yield(task, 0) || Task.shutdown(task, :brutal_kill)
    GenServer.reply(from, {:cancelled, path})
    {:reply, result, %{state | tasks: tasks}}
  end

  @impl true
  def handle_cast({:retry, path}, state) do
    Process.send_after(self(), {:retry, path}, @retry_after)
    {:noreply, state}
  end

  def handle_cast({:slow_cleanup, dir}, state) do
    Task.Supervisor.start_child(MyApp.TaskSupervisor, fn ->
      Process.sleep(5_000)
      File.rm_rf(dir)
    end)

    {:noreply, state}
  end

  @impl true
  def handle_info({ref, result}, state) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {{_task, path, from}, tasks} = Map.pop(state.tasks, ref)
    GenServer.reply(from, {:ok, result})
    Logger.info("uploaded #{path}: #{inspect(result)}")
    {:noreply, %{state | tasks: tasks}}
  end

  def handle_info({:DOWN, ref, :process, _pid, reason}, state) do
    {{_task, path, from}, tasks} = Map.pop(state.tasks, ref)
    Logger.error("upload of #{path} failed: #{inspect(reason)}")
    GenServer.reply(from, {:error, reason})
    {:noreply, %{state | tasks: tasks}}
  end

  def handle_info({:retry, path}, state) do
    Task.Supervisor.start_child(MyApp.TaskSupervisor, fn -> MyApp.Storage.put(path) end)
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  @impl true
  def terminate(_reason, _state) do
    # Give in-flight uploads a moment; terminate runs once, nobody waits on it.
    Process.sleep(100)
  end
end
