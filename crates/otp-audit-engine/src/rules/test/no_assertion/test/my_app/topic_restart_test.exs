defmodule MyApp.TopicRestartTest do
  use ExUnit.Case

  test "producers come back after their supervisor restarts" do
    MyApp.Topics.produce("orders", "m1")
    MyApp.Topics.restart_producers()

    # Raises Patiently.GaveUp when the message never shows up.
    Patiently.wait_for!(fn -> MyApp.Topics.fetch("orders") == ["m1"] end, max_tries: 30)
  end

  test "the non-raising poller only returns :ok or :error" do #~ test/no-assertion
    MyApp.Topics.produce("orders", "m2")
    Patiently.wait_for(fn -> MyApp.Topics.fetch("orders") == ["m2"] end)
  end
end
