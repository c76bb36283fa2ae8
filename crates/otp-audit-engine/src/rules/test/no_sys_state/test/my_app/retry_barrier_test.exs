defmodule MyApp.RetryBarrierTest do
  use ExUnit.Case, async: true

  alias MyApp.Counter

  setup do
    %{counter: start_supervised!(Counter)}
  end

  test "a retry loop waits for the counter between looks", %{counter: counter} do
    Counter.increment_async(counter)
    assert wait_for_value(counter, 1) == 1
  end

  test "a state read that a branch returns is still a read", %{counter: counter} do
    state =
      if Counter.value(counter) > 0 do
        %{count: 1}
      else
        Counter.increment_async(counter)
        :sys.get_state(counter) #~ test/no-sys-state
      end

    assert state.count == 1
  end

  defp wait_for_value(counter, expected, tries \\ 10)

  defp wait_for_value(counter, _expected, 0), do: Counter.value(counter)

  defp wait_for_value(counter, expected, tries) do
    if Counter.value(counter) == expected do
      expected
    else
      # Let the counter handle what is queued, then look again.
      :sys.get_state(counter)
      wait_for_value(counter, expected, tries - 1)
    end
  end
end
