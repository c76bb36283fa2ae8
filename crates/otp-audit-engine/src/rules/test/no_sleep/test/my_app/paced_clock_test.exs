defmodule MyApp.PacedClockTest do
  use ExUnit.Case, async: false

  # The test feeds a clock updates at a real-time pace; the interval it sleeps is the
  # time the clock measures, and it comes back in the expected ratio.
  test "the clock scales its ticks by the reported pace" do
    rounds = 20
    real_interval = 10
    reported_interval = 30
    {:ok, clock} = MyApp.PacedClock.start_link(notify: self())

    for _ <- 1..rounds do
      send(clock, {:clock_update, reported_interval})
      Process.sleep(real_interval)
    end

    elapsed = rounds * real_interval
    assert_in_delta MyApp.PacedClock.ratio(clock, elapsed), 3.0, 0.2
  end

  # Near misses: the interval is not what is measured.
  test "a sleep in a loop before a delta check on something else" do
    pause = 10
    {:ok, clock} = MyApp.PacedClock.start_link(notify: self())

    for _ <- 1..5 do
      send(clock, {:clock_update, 30})
      Process.sleep(pause) #~ test/no-sleep
    end

    assert_in_delta MyApp.PacedClock.ratio(clock, 50), 3.0, 0.2
  end

  test "a plain sleep outside a loop" do
    wait = 50
    {:ok, clock} = MyApp.PacedClock.start_link(notify: self())
    send(clock, {:clock_update, 30})
    Process.sleep(wait) #~ test/no-sleep
    assert_in_delta MyApp.PacedClock.ratio(clock, wait), 0.6, 0.2
  end
end
