defmodule MyApp.Relay do
  @moduledoc "Forwards frames to a socket process; defines its own send/2."
  import Kernel, except: [send: 2]

  alias MyApp.Net.Process

  def send(socket, frame), do: Process.write(socket, frame)

  def forward(pid, frame) do
    :erlang.send(pid, {:frame, frame}) #~ otp/no-erlang-send
  end

  def forward_remote(pid, frame) do
    :erlang.send(pid, {:frame, frame}, [:noconnect]) #~ otp/no-erlang-send
  end
end
