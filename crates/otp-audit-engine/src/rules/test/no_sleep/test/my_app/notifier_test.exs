defmodule MyApp.NotifierTest do
  use ExUnit.Case, async: true

  alias MyApp.Notifier

  setup do
    notifier = start_supervised!({Notifier, subscriber: self()})
    %{notifier: notifier}
  end

  test "notifies the subscriber on publish", %{notifier: notifier} do
    Notifier.publish(notifier, :deployed)
    Process.sleep(100) #~ test/no-sleep
    assert_received {:event, :deployed}
  end

  test "a sleep with a comment in between still becomes assert_receive", %{notifier: n} do
    Notifier.publish(n, :built)
    :timer.sleep(50) #~ test/no-sleep
    # the notifier replies through a cast
    assert_received({:event, :built})
  end

  test "nothing arrives after unsubscribe", %{notifier: notifier} do
    Notifier.unsubscribe(notifier, self())
    Notifier.publish(notifier, :ignored)
    Process.sleep(1_000) #~ test/no-sleep
    refute_received {:event, _}
  end

  test "an assertion with a failure message keeps its sleep", %{notifier: notifier} do
    Notifier.publish(notifier, :late)
    Process.sleep(20) #~ test/no-sleep
    assert_received {:event, :late}, "the notifier never published"
  end

  test "a sleep sharing its line is reported without a fix", %{notifier: notifier} do
    Notifier.publish(notifier, :same_line)
    Process.sleep(10); assert_received {:event, :same_line} #~ test/no-sleep
  end

  test "a computed duration has no fix", %{notifier: notifier} do
    delay = Notifier.flush_interval(notifier)
    Notifier.publish(notifier, :computed)
    Process.sleep(delay * 2) #~ test/no-sleep
    assert_received {:event, :computed}
  end
end
