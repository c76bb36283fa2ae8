defmodule Shop.StorageAdmin do
  @moduledoc "Runs one-off SQL for the create and drop tasks, isolated from the caller."

  # A Task.Supervisor per call, never stopped: reported, with the advice to stop it.
  def run_query(sql, opts) do
    {:ok, sup} = Task.Supervisor.start_link() #~ otp/unsupervised-start
    task = Task.Supervisor.async_nolink(sup, fn -> Shop.Repo.query(sql, [], opts) end)
    Task.yield(task, 15_000) || Task.shutdown(task)
  end

  # The same, stopped once the task is done: not reported.
  def run_query_and_stop(sql, opts) do
    {:ok, sup} = Task.Supervisor.start_link()
    task = Task.Supervisor.async_nolink(sup, fn -> Shop.Repo.query(sql, [], opts) end)
    result = Task.yield(task, 15_000) || Task.shutdown(task)
    :ok = Supervisor.stop(sup)
    result
  end
end
