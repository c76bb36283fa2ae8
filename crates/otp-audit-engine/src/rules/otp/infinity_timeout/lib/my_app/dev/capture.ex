defmodule MyApp.Dev.Capture do
  @moduledoc "Collects the compiler's output for the reloader."
  use GenServer

  def start, do: GenServer.start(__MODULE__, [])

  # Only the reloader calls this, and only a developer's machine runs the reloader.
  def stop(capture), do: GenServer.call(capture, :stop, :infinity)

  # Also called from a plug that runs in production: reported.
  def lines(capture), do: GenServer.call(capture, :lines, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(lines), do: {:ok, lines}

  @impl true
  def handle_call(:stop, _from, lines), do: {:stop, :normal, Enum.reverse(lines), lines}
  def handle_call(:lines, _from, lines), do: {:reply, lines, lines}
end
