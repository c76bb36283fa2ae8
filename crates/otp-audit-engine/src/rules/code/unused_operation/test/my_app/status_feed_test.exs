defmodule MyApp.StatusFeedTest do
  use ExUnit.Case, async: true

  test "the feed paces its updates" do
    {:ok, feed} = start_supervised({MyApp.StatusFeed, interval_ms: 50})
    started = System.monotonic_time(:millisecond)

    # Taking three updates waits for them: the stream is consumed for its timing.
    MyApp.StatusFeed.stream_updates(feed)
    |> Enum.take(3) #~ code/unused-operation

    assert System.monotonic_time(:millisecond) - started >= 100
  end

  test "lines are trimmed" do
    line = " a "
    String.trim(line) #~ code/unused-operation
    assert line == " a "
  end
end
