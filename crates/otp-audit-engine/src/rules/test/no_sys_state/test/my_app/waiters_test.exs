defmodule MyApp.WaitersTest do
  use ExUnit.Case, async: true

  alias MyApp.Gate

  setup do
    %{gate: start_supervised!({Gate, closed: true})}
  end

  # The count of waiting callers lives only in the state: the advice is to expose it.
  test "a dead waiter is dropped", %{gate: gate} do
    waiter = Task.async(fn -> Gate.await_open(gate, 30_000) end)
    Gate.ping(gate)
    assert length(:sys.get_state(gate).waiters) == 1 #~ test/no-sys-state
    Task.shutdown(waiter, :brutal_kill)
    Gate.ping(gate)
    assert :sys.get_state(gate).waiters == [] #~ test/no-sys-state
  end

  # Control: the test looks at the content, not at a count.
  test "the waiter is recorded", %{gate: gate} do
    Gate.enqueue(gate, self())
    assert [{_pid, _ref}] = :sys.get_state(gate).waiters #~ test/no-sys-state
  end
end
