defmodule MyApp.DisabledFeatureTest do
  use ExUnit.Case, async: true

  test "nothing is recorded while auditing is off" do
    {:ok, visit} = MyApp.Visits.open(%{auditing: false})
    Process.sleep(100) #~ test/no-sleep
    assert MyApp.AuditLog.entries(visit.id) == []
  end

  test "nothing is recorded for a cast while auditing is off" do
    buffer = start_supervised!({MyApp.AuditBuffer, auditing: false})
    GenServer.cast(buffer, {:record, :visit})
    Process.sleep(100) #~ test/no-sleep
    refute MyApp.AuditBuffer.pending?(buffer)
  end

  test "a recorded visit shows up" do
    {:ok, visit} = MyApp.Visits.open(%{auditing: true})
    Process.sleep(100) #~ test/no-sleep
    assert [_entry] = MyApp.AuditLog.entries(visit.id)
  end
end
