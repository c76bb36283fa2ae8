defmodule Oracle.Scheduler do
  @moduledoc "Schedules jobs; its own Process module wraps the timer message."

  defmodule Process do
    @moduledoc false
    def send_after(dest, job, time), do: :erlang.send_after(time, dest, {:run, job})
  end

  def schedule(pid, job, time), do: Process.send_after(pid, job, time)
end
