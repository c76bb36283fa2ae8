defmodule MyApp.Wait do
  @moduledoc "The project's polling helper: the one place that may sleep."

  def wait_for(fun, timeout \\ 1_000, interval \\ 10) do
    deadline = System.monotonic_time(:millisecond) + timeout
    do_wait(fun, deadline, interval)
  end

  defp do_wait(fun, deadline, interval) do
    case fun.() do
      result when result in [nil, false] ->
        if System.monotonic_time(:millisecond) >= deadline do
          ExUnit.Assertions.flunk("wait_for timed out")
        end

        Process.sleep(interval)
        do_wait(fun, deadline, interval)

      result ->
        result
    end
  end
end
