defmodule MyApp.SlotOverflowTest do
  # fixture: needs the project (start_slots/1 is in test/support/slot_helpers.ex)
  use ExUnit.Case, async: true

  import MyApp.SlotHelpers

  test "callers over the limit wait for a free slot" do
    slots = [name: :overflow_slots, size: 1] |> start_slots()

    spawn(fn -> MyApp.Slots.run(slots, &is_pid/1) end)
    spawn(fn -> MyApp.Slots.run(slots, &is_pid/1) end)

    assert_eventually(MyApp.Slots.waiting(slots) == 1)
  end

  test "a pool the helper starts unlinked outlives the test" do
    slots = boot_slots(name: :linked_slots, size: 1)

    spawn(fn -> MyApp.Slots.run(slots, &is_pid/1) end) #~ test/no-raw-spawn

    assert MyApp.Slots.size(slots) == 1
  end
end
