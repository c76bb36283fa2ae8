defmodule MyApp.SettleWordingTest do
  use ExUnit.Case

  alias MyApp.{Feed, Proxy}

  setup do
    Proxy.reset!()
    Process.sleep(500) #~ test/no-sleep
    on_exit(fn -> Proxy.reset!() end)
    :ok
  end

  test "the feed recovers after an outage" do
    {:ok, feed} = Feed.connect(port: 9000)
    Proxy.disable(:upstream)
    Proxy.enable(:upstream)
    Process.sleep(2_000) #~ test/no-sleep
    assert {:ok, _} = Feed.fetch(feed, "topic")
  end

  test "a message to itself is not in flight elsewhere" do
    send(self(), :tick)
    Process.sleep(100) #~ test/no-sleep
    assert {:ok, _} = Feed.status()
  end

  test "sends to the test process and from callbacks are no barrier" do
    parent = self()
    send(parent, :ready)
    Feed.subscribe(fn event -> send(parent, {:event, event}) end)
    Process.sleep(100) #~ test/no-sleep
    assert Feed.count() == 1
  end

  # Control: a cast is in flight, so `:sys.get_state/1` is an exact barrier.
  test "a cast is handled before the read", %{} do
    feed = start_supervised!(Feed)
    GenServer.cast(feed, {:subscribe, "topic"})
    Process.sleep(50) #~ test/no-sleep
    assert Feed.subscriptions(feed) == ["topic"]
  end

  # Control: a plain send to another process.
  test "a forwarded tick" do
    feed = start_supervised!(Feed)
    send(feed, :tick)
    Process.sleep(50) #~ test/no-sleep
    assert Feed.ticks(feed) == 1
  end
end
