defmodule MyApp.ReleaseIgnoredTest do
  use ExUnit.Case, async: true

  test "a release from another process is ignored" do
    pool = start_supervised!({MyApp.SlotPool, size: 1})
    {:ok, slot} = MyApp.SlotPool.checkout(pool)
    stranger = start_supervised!({Agent, fn -> nil end})

    GenServer.cast(pool, {:release, stranger, slot})
    Process.sleep(10) #~ test/no-sleep

    state = :sys.get_state(pool) #~ test/no-sys-state
    assert MapSet.member?(state.busy, slot)
  end

  test "a release reaches the audit log" do
    pool = start_supervised!({MyApp.SlotPool, size: 1})
    audit = start_supervised!(MyApp.SlotAudit)
    {:ok, slot} = MyApp.SlotPool.checkout(pool)

    GenServer.cast(pool, {:release, self(), slot})
    Process.sleep(10) #~ test/no-sleep

    log = :sys.get_state(audit) #~ test/no-sys-state
    assert [{:released, ^slot}] = log.entries
  end
end
