defmodule Oracle.Reminder do
  @moduledoc "Reminders: tagged ones through Oracle.Process, plain ones straight from the VM."

  alias Oracle.Process

  def tagged(pid, message, time), do: Process.send_after(pid, message, time)

  def plain(pid, message, time), do: :erlang.send_after(time, pid, message)
end
