defmodule MyApp.RateCycleTest do
  use ExUnit.Case, async: false

  alias MyApp.RateGate

  @cycle_period 80

  # The gate's own cycle is the subject: the test sets the period and sleeps past it.
  test "a new cycle lets requests through again" do
    MyApp.Config.put_for_test(cycle_period: @cycle_period)
    RateGate.reset()
    RateGate.schedule_next_cycle()
    for _ <- 1..5, do: RateGate.allow?()
    refute RateGate.allow?()
    Process.sleep(@cycle_period + 10)
    assert RateGate.allow?()
  end

  # Near miss: shorter than the period it set, so it waits for something else.
  test "the gate stays shut within a cycle" do
    MyApp.Config.put_for_test(cycle_period: @cycle_period)
    RateGate.reset()
    for _ <- 1..5, do: RateGate.allow?()
    Process.sleep(20) #~ test/no-sleep
    refute RateGate.allow?()
  end
end
