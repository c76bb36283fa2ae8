defmodule Oracle.CounterTest do
  use ExUnit.Case

  alias Oracle.Counter

  test "stopping the counter saves its value and it stays stopped" do
    store = start_supervised!({Agent, fn -> 0 end})
    {:ok, counter} = Counter.start_link(store: store, observer: self(), name: Counter)
    assert_received {:counter_started, ^counter}
    assert Counter.bump() == 1
    assert Counter.bump() == 2

    GenServer.stop(counter)

    assert Agent.get(store, & &1) == 2
    refute_receive {:counter_started, _}, 200
  end
end
