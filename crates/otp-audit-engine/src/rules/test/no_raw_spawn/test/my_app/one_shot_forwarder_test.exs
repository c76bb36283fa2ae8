defmodule MyApp.OneShotForwarderTest do
  use ExUnit.Case

  alias MyApp.Fanout

  # The stand-in takes one message and forwards it; the test's `assert_receive` of
  # the forwarded shape proves it has done so and ended.
  test "fans an event out to a subscriber pid" do
    parent = self()

    sink =
      spawn(fn ->
        receive do
          event -> send(parent, {:forwarded, event})
        end
      end)

    :ok = Fanout.dispatch([sink], {:created, 7})
    assert_receive {:forwarded, {:created, 7}}
  end

  # Control: the test never waits for the forwarded message, so nothing shows the
  # process has ended.
  test "dispatch returns :ok" do
    parent = self()

    sink =
      spawn(fn -> #~ test/no-raw-spawn
        receive do
          event -> send(parent, {:forwarded, event})
        end
      end)

    assert :ok = Fanout.dispatch([sink], {:created, 8})
  end

  # Control: the test waits for another message than the one forwarded.
  test "dispatch acknowledges" do
    parent = self()

    sink =
      spawn(fn -> #~ test/no-raw-spawn
        receive do
          event -> send(parent, {:forwarded, event})
        end
      end)

    :ok = Fanout.dispatch([sink], {:created, 9}, ack_to: parent)
    assert_receive {:ack, _}
  end
end
