defmodule MyApp.LoadDriver do
  @moduledoc "Drives load from several unlinked tasks and waits for all of them."

  def run(scenario, parallel) do
    tasks =
      Enum.map(1..parallel, fn _ ->
        Task.Supervisor.async_nolink(MyApp.TaskSupervisor, fn -> scenario.() end)
      end)

    Task.await_many(tasks, :infinity) #~ otp/infinity-timeout
  end
end
