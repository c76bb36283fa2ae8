defmodule MyApp.NameConflict do
  @moduledoc "Resolves a name registered on two nodes by stopping one of the holders."
  require Logger

  def resolve(pid1, pid2) do
    {keep, drop} = if node(pid1) <= node(pid2), do: {pid1, pid2}, else: {pid2, pid1}
    stop(drop)
    keep
  end

  defp stop(pid) do
    spawn(fn -> #~ otp/no-raw-spawn
      Process.monitor(pid)
      Process.exit(pid, {:shutdown, :name_conflict})

      receive do
        {:DOWN, _ref, :process, ^pid, reason} -> log("stopped #{inspect(pid)}: #{inspect(reason)}")
      after
        5000 ->
          log("#{inspect(pid)} did not stop in time, killing it")
          Process.exit(pid, :kill)
      end
    end)
  end

  # Near miss: it retries the stop forever, so nothing bounds its life.
  def stubborn_stop(pid) do
    spawn(fn -> #~ otp/no-raw-spawn
      Process.monitor(pid)
      Process.exit(pid, :shutdown)

      receive do
        {:DOWN, _ref, :process, ^pid, _} -> :ok
      after
        5000 -> stubborn_stop(pid)
      end
    end)
  end

  defp log(message), do: Logger.warning("NameConflict(#{node()}): #{message}")
end
