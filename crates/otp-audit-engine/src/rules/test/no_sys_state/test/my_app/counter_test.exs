defmodule MyApp.CounterTest do
  use ExUnit.Case, async: true

  alias MyApp.Counter

  setup do
    %{counter: start_supervised!(Counter)}
  end

  test "increment bumps the count", %{counter: counter} do
    Counter.increment(counter)
    state = :sys.get_state(counter) #~ test/no-sys-state
    assert state.count == 1
  end

  test "asserting on the state directly", %{counter: counter} do
    Counter.increment(counter)
    assert %{count: 1} = :sys.get_state(counter) #~ test/no-sys-state
    assert :sys.get_state(counter, 1_000).count == 1 #~ test/no-sys-state
  end

  test "piping and passing the state on", %{counter: counter} do
    count = :sys.get_state(counter) |> Map.fetch!(:count) #~ test/no-sys-state
    assert count == Map.get(:sys.get_state(counter), :count) #~ test/no-sys-state
  end

  test "status is internal too", %{counter: counter} do
    {:status, _pid, _mod, [_pdict, :running | _]} = :sys.get_status(counter) #~ test/no-sys-state
    assert [%{count: 0}] = Enum.map([counter], &:sys.get_state/1) #~ test/no-sys-state
  end

  test "replacing the state skips the API", %{counter: counter} do
    :sys.replace_state(counter, fn state -> %{state | count: 41} end) #~ test/no-sys-state
    assert Counter.increment(counter) == 42
  end

  defp count(pid), do: :sys.get_state(pid).count #~ test/no-sys-state

  test "a helper that digs into the state", %{counter: counter} do
    assert count(counter) == 0
  end
end
