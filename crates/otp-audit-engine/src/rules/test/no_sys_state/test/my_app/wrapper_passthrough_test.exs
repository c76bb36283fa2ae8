defmodule MyApp.WrapperPassthroughTest do
  use ExUnit.Case, async: true

  alias MyApp.Wrapped

  # The server under test is a wrapper whose callback module keeps whatever the test
  # hands it; comparing that value whole checks the wrapper carries it through.
  defp start_wrapped!(initial) do
    start_supervised!({Wrapped, fn -> initial end})
  end

  test "init keeps the value the callback returned" do
    server = start_wrapped!(:seed_value)
    assert :sys.get_state(server) == :seed_value
  end

  test "a call's new state is stored" do
    server = start_wrapped!(:seed_value)
    assert Wrapped.call(server, fn s -> {{:got, s}, :after_call} end) == {:got, :seed_value}
    assert :sys.get_state(server) == :after_call
  end

  test "a cast wraps the old state" do
    server = start_wrapped!(:seed_value)
    Wrapped.cast(server, fn s -> {:wrapped, s} end)
    assert :sys.get_state(server) == {:wrapped, :seed_value}
  end

  # Near misses: the atoms come from the server, not from the test.
  test "the server settles in its idle phase" do
    server = start_wrapped!(:seed_value)
    Wrapped.cast(server, :settle)
    assert :sys.get_state(server) == {:idle, 0} #~ test/no-sys-state
  end

  test "a map is a layout, whatever the test handed in" do
    server = start_wrapped!(%{count: 1})
    assert :sys.get_state(server) == %{count: 1} #~ test/no-sys-state
  end

  test "a second read of the same value is not where it came from" do
    server = start_wrapped!(:seed_value)
    assert :sys.get_state(server) == :drained #~ test/no-sys-state
    assert :sys.get_state(server) != :drained #~ test/no-sys-state
  end
end
