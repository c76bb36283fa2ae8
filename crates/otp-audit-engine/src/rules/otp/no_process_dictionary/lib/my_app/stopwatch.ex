defmodule MyApp.Stopwatch do
  @moduledoc "Prints how long each stretch of code took, for profiling in a console."

  def mark(label) do
    last = Process.get(:last_mark)
    now = System.monotonic_time(:millisecond)

    if last do
      IO.puts("#{label} [#{inspect(self())}]: #{now - last} ms")
    else
      IO.puts("#{label}: first mark")
    end

    Process.put(:last_mark, now) #~ otp/no-process-dictionary
  end

  def lap(label) do
    started = Process.get({__MODULE__, :started}) || System.monotonic_time(:millisecond)
    Process.put({__MODULE__, :started}, started) #~ otp/no-process-dictionary
    IO.puts("#{label}: #{System.monotonic_time(:millisecond) - started} ms since the first lap")
  end

  # A log throttle: its last-logged time decides what gets logged.
  def warn_throttled(message) do
    require Logger
    now = System.monotonic_time(:millisecond)

    if now - (Process.get(:last_warned) || 0) > 1_000 do
      Logger.warning(message)
      Process.put(:last_warned, now) #~ otp/no-process-dictionary
    end
  end

  # Not a clock: a count that other code depends on.
  def count_request do
    Process.put(:requests, (Process.get(:requests) || 0) + 1) #~ otp/no-process-dictionary
    IO.puts("request #{Process.get(:requests)}")
  end
end
