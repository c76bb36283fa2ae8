defmodule MyApp.LateDuplicateTest do
  use ExUnit.Case

  test "each event is delivered exactly once" do
    {:ok, seen} = Agent.start_link(fn -> [] end)
    parent = self()
    last = MyApp.Feed.publish_many(100, fn event -> Agent.update(seen, &[event | &1]); send(parent, {:got, event}) end)

    receive do
      {:got, ^last} -> :ok
    end

    # Wait a bit longer: a redelivered event would arrive after the last one.
    Process.sleep(500) #~ test/no-sleep

    assert length(Agent.get(seen, & &1)) == 100
  end

  test "a sleep after any message is still a guess" do
    MyApp.Feed.publish_many(3, fn _ -> :ok end)
    assert_receive {:published, 3}
    Process.sleep(500) #~ test/no-sleep
    assert MyApp.Feed.pending() == 0
  end
end
