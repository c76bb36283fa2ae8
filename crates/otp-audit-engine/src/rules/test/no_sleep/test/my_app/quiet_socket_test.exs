defmodule MyApp.QuietSocketTest do
  use ExUnit.Case, async: true

  test "a second client waits while the only slot is taken" do
    {:ok, port} = MyApp.LineServer.start_for_test(MyApp.EchoHandler, max_clients: 1)
    {:ok, first} = :gen_tcp.connect(:localhost, port, active: false)
    {:ok, second} = :gen_tcp.connect(:localhost, port, active: false)
    :ok = :gen_tcp.send(first, "one")
    :ok = :gen_tcp.send(second, "two")

    # Nothing may come back to the second client while the first holds the slot.
    Process.sleep(100) #~ test/no-sleep
    assert :gen_tcp.recv(second, 0, 10) == {:error, :timeout}
    assert :gen_tcp.recv(first, 0) == {:ok, ~c"one"}
  end

  test "the echo arrives once the slot frees up" do
    {:ok, port} = MyApp.LineServer.start_for_test(MyApp.EchoHandler, max_clients: 1)
    {:ok, first} = :gen_tcp.connect(:localhost, port, active: false)
    {:ok, second} = :gen_tcp.connect(:localhost, port, active: false)
    :ok = :gen_tcp.send(second, "two")
    :gen_tcp.close(first)
    Process.sleep(100) #~ test/no-sleep
    assert MyApp.LineServer.open_count(port) == 1
    assert :gen_tcp.recv(second, 0) == {:ok, ~c"two"}
  end
end
