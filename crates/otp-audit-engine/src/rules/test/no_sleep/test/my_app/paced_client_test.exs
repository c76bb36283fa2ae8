defmodule MyApp.PacedClientTest do
  use ExUnit.Case, async: true

  import ExUnit.CaptureLog

  test "a client that keeps sending within the read_timeout stays connected" do
    read_timeout = 100
    {:ok, port} = MyApp.LineServer.start_for_test(MyApp.QuietHandler, read_timeout: read_timeout)
    {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)

    # The pacing is the subject: each pause is shorter than the 100 ms read timeout.
    for _ <- 1..5 do
      :gen_tcp.send(client, "ping")
      Process.sleep(40)
    end

    assert :gen_tcp.recv(client, 0, 10) == {:error, :timeout}
  end

  test "a client's pings are all counted" do
    {:ok, port} = MyApp.LineServer.start_for_test(MyApp.QuietHandler, read_timeout: 100)
    {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)

    for _ <- 1..3 do
      :gen_tcp.send(client, "ping")
      Process.sleep(40) #~ test/no-sleep
    end

    assert MyApp.LineServer.count(port) == 3
  end

  test "open connections are still served inside the shutdown_timeout" do
    {:ok, server, port} = MyApp.LineServer.start_link_for_test(MyApp.EchoHandler, shutdown_timeout: 300)
    {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)
    task = Task.async(fn -> MyApp.LineServer.stop(server) end)
    # The check belongs inside the 300 ms window the stop waits for open connections.
    Process.sleep(50)
    assert Process.alive?(server)
    :gen_tcp.send(client, "HELLO")
    assert :gen_tcp.recv(client, 0) == {:ok, ~c"HELLO"}
    Task.await(task)
  end

  test "a stop begun in a task marks the server as stopping" do
    {:ok, server, _port} = MyApp.LineServer.start_link_for_test(MyApp.EchoHandler, shutdown_timeout: 300)
    task = Task.async(fn -> MyApp.LineServer.stop(server) end)
    Process.sleep(50) #~ test/no-sleep
    assert MyApp.LineServer.stopping?(server)
    Task.await(task)
  end

  test "a handler that crashes is reported after the close" do
    {:ok, port} = MyApp.LineServer.start_for_test(MyApp.CrashingHandler)

    log =
      capture_log(fn ->
        {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)
        assert :gen_tcp.recv(client, 0) == {:error, :closed}
        Process.sleep(100) #~ test/no-sleep
      end)

    assert log =~ "terminating"
  end

  test "the idle timer restarts with every echoed line" do
    read_timeout = 100
    {:ok, port} = MyApp.LineServer.start_for_test(MyApp.EchoHandler, read_timeout: read_timeout)
    {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)

    # Each round reads the echo back, then stays quiet for less than the timeout.
    for _ <- 1..4 do
      :gen_tcp.send(client, "line")
      assert :gen_tcp.recv(client, 4) == {:ok, ~c"line"}
      Process.sleep(70)
    end

    assert :gen_tcp.recv(client, 0, read_timeout * 3) == {:error, :closed}
  end

  test "every echoed line is counted" do
    {:ok, port} = MyApp.LineServer.start_for_test(MyApp.EchoHandler, read_timeout: 100)
    {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)

    for _ <- 1..3 do
      :gen_tcp.send(client, "line")
      assert :gen_tcp.recv(client, 4) == {:ok, ~c"line"}
      Process.sleep(40) #~ test/no-sleep
    end

    assert MyApp.LineServer.count(port) == 3
  end
end
