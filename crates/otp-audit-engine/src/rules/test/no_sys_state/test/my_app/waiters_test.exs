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

  # The same count, read through a match: the field is named in the advice, and an
  # empty-map pattern is called out, since it matches any map.
  test "closing releases every waiter", %{gate: gate} do
    Gate.close(gate)
    assert %{open?: false, waiters: waiters} = :sys.get_state(gate) #~ test/no-sys-state
    assert :queue.is_empty(waiters)
    assert %{pending: %{}} = :sys.get_state(gate) #~ test/no-sys-state
    assert %{queued: []} = :sys.get_state(gate) #~ test/no-sys-state
  end

  # Controls: a bound collection that is looked at, not counted; a pattern that is not
  # in an assertion.
  test "the first waiter is kept", %{gate: gate} do
    Gate.enqueue(gate, self())
    assert %{waiters: waiters} = :sys.get_state(gate) #~ test/no-sys-state
    assert {:value, {_pid, _ref}} = :queue.peek(waiters)
    %{queued: []} = :sys.get_state(gate) #~ test/no-sys-state
  end

  # Control: the test looks at the content, not at a count.
  test "the waiter is recorded", %{gate: gate} do
    Gate.enqueue(gate, self())
    assert [{_pid, _ref}] = :sys.get_state(gate).waiters #~ test/no-sys-state
  end
end
