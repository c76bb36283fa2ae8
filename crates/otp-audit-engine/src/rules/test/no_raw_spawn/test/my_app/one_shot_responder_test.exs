defmodule MyApp.OneShotResponderTest do
  use ExUnit.Case, async: true

  test "a responder handed to the client answers once and ends" do
    responder =
      spawn(fn ->
        receive do
          {:ask, :ping, from} -> send(from, {:answer, :pong})
        end
      end)

    assert MyApp.Ask.ask(responder, :ping) == {:ok, :pong}
  end

  test "a responder nobody is handed to waits for good" do
    responder =
      spawn(fn -> #~ test/no-raw-spawn
        receive do
          {:ask, _, from} -> send(from, :pong)
        end
      end)

    assert is_pid(responder)
  end

  test "a responder that answers a fixed pid, not the asker" do
    parent = self()

    responder =
      spawn(fn -> #~ test/no-raw-spawn
        receive do
          {:ask, _, _from} -> send(parent, :pong)
        end
      end)

    MyApp.Ask.ask(responder, :ping)
  end

  test "a responder that only gets sent to" do
    parent = self()

    responder =
      spawn(fn ->
        receive do
          {:ask, _, from} -> send(from, :pong)
        end
      end)

    send(responder, {:ask, :ping, parent})
  end
end
