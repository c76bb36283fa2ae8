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

  test "every delivery of a batch finishes" do
    deliveries = Task.async_stream(1..3, &MyApp.StatusFeed.deliver/1)
    # Running the tasks is the point; the stream is bound first, then consumed.
    Enum.to_list(deliveries) #~ code/unused-operation
    assert MyApp.StatusFeed.delivered() == 3
  end

  @tag :tmp_dir
  test "a written stream lands on disk", %{tmp_dir: dir} do
    written = MyApp.StatusFeed.write_stream(Path.join(dir, "feed.log"), [:a, :b])
    Enum.to_list(written) #~ code/unused-operation
    assert File.exists?(Path.join(dir, "feed.log"))
  end

  test "a bound list is plain data" do
    names = ["a", "b"]
    Enum.map(names, &String.upcase/1) #~ code/unused-operation
    assert names == ["a", "b"]
  end
end
