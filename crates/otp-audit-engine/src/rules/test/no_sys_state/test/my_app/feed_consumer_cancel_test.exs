defmodule MyApp.FeedConsumerCancelTest do
  use ExUnit.Case, async: true

  defmodule Counting do
    use MyApp.FeedConsumer

    @impl true
    def handle_item(_state, _item), do: :ok
  end

  test "a consumer whose subscription the broker cancels stops" do
    consumer = start_supervised!({Counting, feed: "orders"})
    ref = Process.monitor(consumer)

    # The channel and tag of the behaviour's own state struct, to cancel from outside.
    %{channel: channel, consumer_tag: tag} = :sys.get_state(consumer) #~ test/no-sys-state
    MyApp.Broker.cancel(channel, tag)

    assert_receive {:DOWN, ^ref, :process, ^consumer, _}
  end

  test "the count of handled items starts at zero" do
    consumer = start_supervised!({Counting, feed: "orders"})
    assert :sys.get_state(consumer).handled == 0 #~ test/no-sys-state
  end

  test "a cursor's offset is its own business" do
    cursor = start_supervised!({MyApp.FeedCursor, feed: "orders"})
    assert :sys.get_state(cursor).offset == 0 #~ test/no-sys-state
  end
end
