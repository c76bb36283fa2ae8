defmodule Shop.RefundCleanup do
  @moduledoc "Runs the cleanup steps of a cancelled refund, each with its own time budget."
  require Logger

  @spec run([{(-> term), pos_integer}]) :: :ok
  def run(steps) do
    Enum.each(steps, fn {step, budget} -> run_step(step, budget) end)
  end

  # The step runs linked and this function waits for its end: the task's lifetime
  # is this call, and a step that overruns its budget is killed.
  defp run_step(step, budget) do
    Process.flag(:trap_exit, true)
    {:ok, task} = Task.start_link(step)

    receive do
      {:EXIT, ^task, :normal} -> :ok
      {:EXIT, ^task, reason} -> Logger.error("refund cleanup step failed: #{inspect(reason)}")
    after
      budget ->
        Process.unlink(task)
        Process.exit(task, :kill)
        Logger.error("refund cleanup step overran #{budget} ms and was killed")
    end
  end

  # Started linked and left running: nothing here waits for it or ends it.
  @spec notify_later(map) :: :ok
  def notify_later(refund) do
    {:ok, _task} = Task.start_link(fn -> Shop.Mailer.refund_cancelled(refund) end) #~ otp/unsupervised-start
    :ok
  end
end
