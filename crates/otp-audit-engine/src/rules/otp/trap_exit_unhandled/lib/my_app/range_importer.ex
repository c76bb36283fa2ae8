defmodule MyApp.RangeImporter do
  @moduledoc """
  Imports missing order ranges, several at once. Each range runs in a task of the
  stream; a range whose linked import crashes comes back as `{:exit, reason}` and is
  retried on the next run.
  """
  require Logger

  def run(ranges, opts) do
    MyApp.TaskSupervisor
    |> Task.Supervisor.async_stream_nolink(ranges, &import_range(opts, &1), timeout: 120_000, on_timeout: :kill_task)
    |> Enum.count(fn
      {:ok, :ok} -> true
      _failed -> false
    end)
  end

  defp import_range(opts, first..last//_) do
    Process.flag(:trap_exit, true)
    MyApp.Orders.import_range(first, last, opts)
  end

  # Runs in the caller's process: there the trap stays, for good.
  def import_now(opts, first..last//_) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    MyApp.Orders.import_range(first, last, opts)
  end

  def warm(opts) do
    Logger.info("warming #{inspect(opts)}")
    import_now(opts, 1..10)
  end
end
