defmodule MyApp.StallGraceTest do
  use ExUnit.Case, async: true

  alias MyApp.{Backoff, StallTracker, TrackerConfig}

  test "resets to zero after a success" do
    {_wait, failed} = Backoff.fail(Backoff.new(100))
    Process.sleep(50)
    # The slept time is what is asserted: wall-clock time is the subject.
    assert Backoff.total_retry_time(failed) >= 50
    {_wait, reset} = Backoff.succeed(failed)
    assert Backoff.total_retry_time(reset) == 0
  end

  test "a bound larger than the sleep is a guess again" do
    {_wait, failed} = Backoff.fail(Backoff.new(100))
    Process.sleep(50) #~ test/no-sleep
    assert Backoff.total_retry_time(failed) >= 500
  end

  test "an entry past the grace period is reported", ctx do
    TrackerConfig.put(ctx.test, :stall_grace_period, 20)
    StallTracker.touch(ctx.test, :entry)
    Process.sleep(50)
    StallTracker.check_now(ctx.test)
    assert StallTracker.stalled(ctx.test) == [:entry]
  end

  test "a sleep that ends the test waits for some process", ctx do #~ test/no-assertion
    TrackerConfig.put(ctx.test, :stall_grace_period, 20)
    StallTracker.touch(ctx.test, :entry)
    Process.sleep(50) #~ test/no-sleep
  end

  test "after the blocker has gone, the API answers again" do
    pid = start_supervised!({Task, fn -> receive(do: (:go -> :ok)) end})
    ref = Process.monitor(pid)
    send(pid, :go)
    assert_receive {:DOWN, ^ref, :process, _, _}
    # The task is gone: the sleep waits for something else than its handling of :go.
    Process.sleep(100) #~ test/no-sleep
    assert StallTracker.stalled(:default) == []
  end

  test "a count compared after a sleep is no clock" do
    {:ok, pool} = MyApp.Pool.start_link(size: 2)
    Process.sleep(50) #~ test/no-sleep
    assert MyApp.Pool.running(pool) >= 2
  end
end
