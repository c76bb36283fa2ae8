defmodule Shop.StdinWatch do
  @moduledoc "Helpers for running the shop under an external test driver."

  @doc "Halts the node when the driver closes stdin."
  def halt_on_eof do
    spawn_link(fn ->
      IO.gets(:stdio, "") == :eof && System.halt(0)
    end)
  end

  @doc "Forwards each line of stdin to `server`: a worker that should be supervised."
  def forward_lines(server) do
    spawn_link(fn -> forward(server) end) #~ otp/no-raw-spawn
  end

  defp forward(server) do
    case IO.gets(:stdio, "") do
      :eof -> :ok
      line -> Shop.LineSink.push(server, line) && forward(server)
    end
  end
end
