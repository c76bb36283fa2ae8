defmodule MyApp.SeatLockTest do
  use ExUnit.Case, async: true

  alias MyApp.SeatLock

  # The second sleep sits between two tries, but what it waits for is the spawned
  # holder letting go of the seat.
  test "a held seat is refused until its holder is done" do
    {:ok, locks} = SeatLock.start_link([])
    spawn(fn -> SeatLock.hold(locks, "12A", fn -> Process.sleep(80) end) end)
    Process.sleep(15) #~ test/no-sleep
    assert SeatLock.try_hold(locks, "12A", fn -> :mine end) == {:error, :held}
    Process.sleep(80) #~ test/no-sleep
    assert SeatLock.try_hold(locks, "12A", fn -> :mine end) == {:ok, :mine}
  end

  # Control: no process of the test's own, so the sleep only separates two calls.
  test "two holds in a row" do
    {:ok, locks} = SeatLock.start_link([])
    assert SeatLock.try_hold(locks, "3C", fn -> 1 end) == {:ok, 1}
    Process.sleep(10) #~ test/no-sleep
    assert SeatLock.try_hold(locks, "3C", fn -> 2 end) == {:ok, 2}
  end
end
