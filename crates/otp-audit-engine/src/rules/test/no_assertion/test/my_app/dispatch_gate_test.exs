defmodule MyApp.DispatchGateTest do
  use ExUnit.Case, async: true
  use Mimic

  alias MyApp.{DispatchGate, Scheduler}

  # Mimic's `reject` makes any call of the function fail the test: it is the check.
  test "a paused gate schedules nothing" do
    reject(&Scheduler.enqueue/2)
    DispatchGate.release(%{paused: true, jobs: [:a]})
  end

  test "a draining gate schedules nothing" do
    reject(Scheduler, :enqueue, 2)
    DispatchGate.release(%{draining: true, jobs: [:a]})
  end

  test "an open gate schedules its job" do
    expect(Scheduler, :enqueue, fn :a, _opts -> :ok end)
    DispatchGate.release(%{jobs: [:a]})
  end

  # A stub answers calls but fails nothing when they do not happen.
  test "an open gate runs with a stubbed scheduler" do #~ test/no-assertion
    stub(Scheduler, :enqueue, fn _job, _opts -> :ok end)
    DispatchGate.release(%{jobs: [:a]})
  end

  test "an open gate skips empty jobs" do #~ test/no-assertion
    DispatchGate.release(%{jobs: Enum.reject([:a, nil], &is_nil/1)})
  end
end
