defmodule MyApp.IdleClientTest do
  use ExUnit.Case, async: true

  import ExUnit.CaptureLog

  defmodule ShortIdleHandler do
    use MyApp.LineHandler

    require Logger

    # After the greeting, a client silent for 30 ms is dropped.
    def handle_line("hello", state), do: {:continue, state, {:persistent, 30}}
    def handle_line(_line, state), do: {:continue, state}

    def handle_idle(_state), do: Logger.warning("idle client dropped")
  end

  test "drops a client that stays silent past the handler's timeout" do
    {:ok, port} = MyApp.LineServer.start_for_test(ShortIdleHandler)

    log =
      capture_log(fn ->
        {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)
        :gen_tcp.send(client, "hello")
        # The client's silence is the subject: longer than the 30 ms timeout.
        Process.sleep(80)
        :gen_tcp.send(client, "still there?")
        assert :gen_tcp.recv(client, 0, 200) == {:error, :closed}
        Process.sleep(50) #~ test/no-sleep
      end)

    assert log =~ "idle client dropped"
  end

  test "echoes a second line" do
    {:ok, port} = MyApp.LineServer.start_for_test(ShortIdleHandler)

    log =
      capture_log(fn ->
        {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)
        :gen_tcp.send(client, "hello")
        Process.sleep(80) #~ test/no-sleep
        :gen_tcp.send(client, "again")
        assert {:ok, _} = :gen_tcp.recv(client, 0, 200)
      end)

    assert log == ""
  end
end
