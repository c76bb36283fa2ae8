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

  test "a stand-in page reports to the test and acknowledges the caller" do
    parent = self()

    page =
      spawn(fn ->
        receive do
          {:sync_done, result, {from, ref}} ->
            send(parent, {:page_got, result})
            send(from, {ref, :ack})
        end
      end)

    assert :ok = MyApp.Callback.complete(sign(page), :synced)
    assert_received {:page_got, :synced}
  end

  test "a stand-in that also does other work is judged as before" do
    page =
      spawn(fn -> #~ test/no-raw-spawn
        receive do
          {:sync_done, result, from} ->
            MyApp.Audit.record(result)
            send(from, :ack)
        end
      end)

    assert :ok = MyApp.Callback.complete(page, :synced)
  end

  defp sign(pid), do: MyApp.PageToken.sign(pid)
end
