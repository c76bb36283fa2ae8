defmodule Oracle.Process do
  @moduledoc "Timers whose messages say they come from a timer."

  def send_after(dest, message, time), do: :erlang.send_after(time, dest, {:timer, message})
end
