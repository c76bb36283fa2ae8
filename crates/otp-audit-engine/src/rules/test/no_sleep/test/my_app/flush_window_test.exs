defmodule MyApp.FlushWindowTest do
  use ExUnit.Case, async: true

  alias MyApp.Batcher

  # The sleep is written from the timeout the test hands to the batcher: it lands
  # just before the old timer would fire, so a timer that was not cancelled shows.
  test "a size flush cancels the pending timer" do
    flush_timeout = 50
    state = Batcher.init_state(notify: self(), size: 2, flush_timeout: flush_timeout)
    {:noreply, state} = Batcher.handle_info({:items, [:a, :b]}, state)
    assert_receive {:flushed, 2}
    Process.sleep(flush_timeout - 5)
    {:noreply, _state} = Batcher.handle_info({:items, [:c]}, state)
    refute_receive :flush_timer, 20
  end

  # A bare number, not tied to the option, before checking a server's work: a guess.
  test "a pushed item reaches the running batcher" do
    {:ok, pid} = MyApp.BatchServer.start_link(size: 2, flush_timeout: 50)
    MyApp.BatchServer.push(pid, :a)
    Process.sleep(45) #~ test/no-sleep
    assert MyApp.BatchServer.pending(pid) == [:a]
  end
end
