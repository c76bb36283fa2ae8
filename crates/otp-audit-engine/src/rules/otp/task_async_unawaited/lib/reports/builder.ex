defmodule Reports.Builder do
  @moduledoc "Builds reports, fetching sections concurrently."

  require Logger
  alias Reports.{Cache, Sections}

  def warm(report_id) do
    Task.async(fn -> Cache.warm(report_id) end) #~ otp/task-async-unawaited
    :ok
  end

  def warm_mfa(report_id) do
    Task.async(Cache, :warm, [report_id]) #~ otp/task-async-unawaited
    :ok
  end

  def warm_supervised(report_id) do
    Task.Supervisor.async(Reports.TaskSupervisor, fn -> Cache.warm(report_id) end) #~ otp/task-async-unawaited
    :ok
  end

  def warm_piped(report_id) do
    fn -> Cache.warm(report_id) end
    |> Task.async() #~ otp/task-async-unawaited

    :ok
  end

  def warm_all(ids) do
    Enum.map(ids, fn id -> Task.async(fn -> Cache.warm(id) end) end) #~ otp/task-async-unawaited
    :ok
  end

  def warm_each(ids) do
    Enum.each(ids, fn id -> Task.async(fn -> Cache.warm(id) end) end) #~ otp/task-async-unawaited
  end

  def log_only(report_id) do
    task = Task.async(fn -> Sections.fetch(report_id) end) #~ otp/task-async-unawaited
    Logger.info("fetching #{report_id} in #{inspect(task.pid)}")
    :ok
  end

  def fetch_later(ids) do
    tasks = for id <- ids, do: Task.async(fn -> Sections.fetch(id) end) #~ otp/task-async-unawaited
    Logger.debug("started #{length(tasks)} fetches")
    :ok
  end

  # Awaited in all the usual ways: none of these is reported.

  def build(report_id) do
    task = Task.async(fn -> Sections.fetch(report_id) end)
    header = Sections.header(report_id)
    {header, Task.await(task, 10_000)}
  end

  def build_inline(report_id) do
    Task.async(fn -> Sections.fetch(report_id) end) |> Task.await()
  end

  def build_many(ids) do
    tasks = Enum.map(ids, fn id -> Task.async(fn -> Sections.fetch(id) end) end)
    Enum.map(tasks, &Task.await/1)
  end

  def build_pair(a, b) do
    tasks = [Task.async(fn -> Sections.fetch(a) end), Task.async(fn -> Sections.fetch(b) end)]
    Task.await_many(tasks, 10_000)
  end

  def build_pair_vars(a, b) do
    ta = Task.async(fn -> Sections.fetch(a) end)
    tb = Task.async(fn -> Sections.fetch(b) end)
    Task.await_many([ta, tb])
  end

  def build_for(ids) do
    tasks = for id <- ids, do: Task.async(fn -> Sections.fetch(id) end)
    for task <- tasks, do: Task.await(task)
  end

  def build_with_timeout(report_id) do
    task = Task.async(fn -> Sections.fetch(report_id) end)
    Task.yield(task, 5_000) || Task.shutdown(task)
  end

  def start_fetch(report_id) do
    task = Task.async(fn -> Sections.fetch(report_id) end)
    Logger.debug("fetch started")
    task
  end

  def fetch_via_helper(report_id) do
    task = Task.async(fn -> Sections.fetch(report_id) end)
    collect(task)
  end

  def fire(report_id) do
    task = Task.async(fn -> Sections.fetch(report_id) end)
    task |> Task.ignore()
  end

  def both(a, b) do
    Task.await_many([Task.async(fn -> Sections.fetch(a) end), Task.async(fn -> Sections.fetch(b) end)])
  end

  def async_stream(ids), do: Task.async_stream(ids, &Sections.fetch/1) |> Enum.to_list()

  defp collect(task), do: Task.await(task)
end
