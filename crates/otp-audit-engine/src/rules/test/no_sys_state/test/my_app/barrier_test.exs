defmodule MyApp.BarrierTest do
  use ExUnit.Case, async: true

  alias MyApp.Counter

  # No finding in this file: :sys.get_state only waits for earlier casts to be handled.

  defp sync(pid), do: :sys.get_state(pid)

  setup do
    %{counter: start_supervised!(Counter)}
  end

  test "a cast is handled before the barrier returns", %{counter: counter} do
    Counter.increment_async(counter)
    _ = :sys.get_state(counter)
    assert Counter.value(counter) == 1
  end

  test "a bare statement is a barrier", %{counter: counter} do
    Counter.increment_async(counter)
    :sys.get_state(counter)
    counter |> :sys.get_state()
    _state = :sys.get_state(counter, 500)
    assert Counter.value(counter) == 1
  end

  test "a helper barrier", %{counter: counter} do
    Counter.reset_async(counter)
    sync(counter)
    assert Counter.value(counter) == 0
  end

  test "barriers on every worker", %{counter: counter} do
    Enum.each([counter], fn pid -> :sys.get_state(pid) end)
    Enum.each([counter], &:sys.get_state/1)
    assert Counter.value(counter) == 0
  end
end
