defmodule MyApp.BatchWindowTest do
  use ExUnit.Case, async: true

  alias MyApp.Batcher

  test "a second push does not restart the flush window" do
    {:ok, pid} = Batcher.start_link(flush_after: 200, notify: self())
    gap = 150
    started_at = System.monotonic_time(:millisecond)
    Batcher.push(pid, :first)
    assert Batcher.size(pid) == 1

    Process.sleep(gap)
    Batcher.push(pid, :second)

    assert_receive {:flushed, [:first, :second]}, 1_000
    elapsed = System.monotonic_time(:millisecond) - started_at
    assert elapsed < gap + 200
  end

  test "the clock is read, but the sleep waits for the flush" do
    {:ok, pid} = Batcher.start_link(flush_after: 20, notify: self())
    wait = 100
    started_at = System.monotonic_time(:millisecond)
    Batcher.push(pid, :only)
    Process.sleep(wait)  #~ test/no-sleep
    assert Batcher.size(pid) == 0
    assert System.monotonic_time(:millisecond) - started_at > 0
  end
end
