defmodule Shop.Dispatch do
  @moduledoc "Runs a webhook delivery under the shop's task supervisor when it is up."

  def deliver(hook, payload) do
    run = fn -> Shop.Webhooks.post(hook, payload) end

    case Process.whereis(Shop.TaskSupervisor) do
      pid when is_pid(pid) -> Task.Supervisor.start_child(pid, run)
      nil -> {:ok, spawn(run)} #~ otp/no-raw-spawn
    end
  end
end
