# fixture: needs the project (the failure check reads lib/my_app/slot_ring.ex)
defmodule MyApp.SlotRingTest do
  use ExUnit.Case, async: true

  # The `{:error, _}` of a full slot never leaves MyApp.SlotRing: no error path to test.
  test "skips taken slots" do
    ring = %{size: 3, cursor: 0, taken: MapSet.new([0])}
    assert {:ok, 1, _ring} = MyApp.SlotRing.next_free(ring)
  end
end

defmodule MyApp.SlotBookingTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  test "books a free slot" do
    ring = %{taken: MapSet.new()}
    assert {:ok, 2, _ring} = MyApp.SlotBooking.book(ring, 2)
  end
end
