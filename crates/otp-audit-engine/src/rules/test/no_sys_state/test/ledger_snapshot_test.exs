defmodule MyApp.LedgerSnapshotTest do
  use ExUnit.Case, async: true

  alias MyApp.Ledger

  setup do
    ledger = start_supervised!({Ledger, name: nil})
    %{ledger: ledger}
  end

  test "a read inside get_and_update leaves the ledger as it was", %{ledger: ledger} do
    :ok = Ledger.put(ledger, :a, 1)
    before = :sys.get_state(ledger) #~ test/no-sys-state

    assert 1 = Ledger.get_and_update(ledger, :a, fn x -> {x, x} end)

    assert ^before = :sys.get_state(ledger) #~ test/no-sys-state
  end

  test "the same, written with ==", %{ledger: ledger} do
    before = :sys.get_state(ledger) #~ test/no-sys-state
    Ledger.get(ledger, :missing)
    assert :sys.get_state(ledger) == before #~ test/no-sys-state
  end

  # A snapshot whose fields are then read depends on the state's shape.
  test "compaction drops the old entries", %{ledger: ledger} do
    before = :sys.get_state(ledger) #~ test/no-sys-state
    :ok = Ledger.compact(ledger)
    assert map_size(before.entries) > map_size(:sys.get_state(ledger).entries) #~ test/no-sys-state
  end
end
