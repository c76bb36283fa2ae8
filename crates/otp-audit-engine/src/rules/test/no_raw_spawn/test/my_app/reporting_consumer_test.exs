defmodule MyApp.FeedConsumerTest do
  use ExUnit.Case, async: true

  # Runs in the spawned process; its last act is the report the test waits for.
  def consume(feed, parent) do
    send(parent, :ready)
    item = MyApp.Feed.next(feed)
    send(parent, {:item, item})
  end

  # Its last act is a log line, not a report: nothing tells the test it ended.
  def consume_quietly(feed, parent) do
    send(parent, {:item, MyApp.Feed.next(feed)})
    IO.puts("consumed")
  end

  test "the consumer reports the next item" do
    me = self()
    feed = MyApp.Feed.new([:a])
    spawn(fn -> consume(feed, me) end)
    assert_receive :ready
    assert_receive {:item, :a}, 1_000
  end

  test "a consumer whose report is not its last act" do
    me = self()
    feed = MyApp.Feed.new([:b])
    spawn(fn -> consume_quietly(feed, me) end) #~ test/no-raw-spawn
    assert_receive {:item, :b}, 1_000
  end
end
