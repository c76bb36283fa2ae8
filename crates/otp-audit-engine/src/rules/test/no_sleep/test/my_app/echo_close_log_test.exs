defmodule MyApp.EchoCloseLogTest do
  use ExUnit.Case, async: true

  import ExUnit.CaptureLog

  alias MyApp.EchoServer

  test "the handler logs its state when the connection closes" do
    {:ok, port} = EchoServer.start(label: :greeting)
    {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)

    log =
      capture_log(fn ->
        :gen_tcp.send(client, "bye")
        :gen_tcp.close(client)
        Process.sleep(100) #~ test/no-sleep
      end)

    assert log =~ "closing greeting"
  end

  # Near miss: nothing of the test's reaches the server; the wait is for the output.
  test "a warning logged by the test's own call" do
    log =
      capture_log(fn ->
        EchoServer.warn_deprecated(:old_option)
        Process.sleep(50) #~ test/no-sleep
      end)

    assert log =~ "old_option"
  end
end
