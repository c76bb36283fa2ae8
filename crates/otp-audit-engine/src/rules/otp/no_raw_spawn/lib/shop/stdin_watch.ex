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

  @doc "Quits the desktop app: the caller's window closes at once, the node a moment later."
  def quit, do: spawn(&shut_down/0)

  @doc "Flushes the log from a process of its own: a worker that should be supervised."
  def flush_later, do: spawn(&flush/0) #~ otp/no-raw-spawn

  defp shut_down do
    Process.sleep(300)
    System.halt(0)
  end

  defp flush, do: Shop.Log.flush()

  defp forward(server) do
    case IO.gets(:stdio, "") do
      :eof -> :ok
      line -> Shop.LineSink.push(server, line) && forward(server)
    end
  end
end
