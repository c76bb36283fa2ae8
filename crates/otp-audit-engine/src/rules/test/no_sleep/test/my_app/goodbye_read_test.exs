defmodule MyApp.GoodbyeReadTest do
  use ExUnit.Case, async: true

  alias MyApp.LineServer

  test "clients are told goodbye when the server stops" do
    {:ok, server, port} = LineServer.start(handler: MyApp.Goodbye)
    {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)
    task = Task.async(fn -> LineServer.stop(server) end)
    Process.sleep(100) #~ test/no-sleep
    assert :gen_tcp.recv(client, 0) == {:ok, ~c"GOODBYE"}
    Task.await(task)
  end

  # Near miss: a read with a timeout is bounded, and the sleep eats into its window.
  test "a bounded read after the stop" do
    {:ok, server, port} = LineServer.start(handler: MyApp.Goodbye)
    {:ok, client} = :gen_tcp.connect(:localhost, port, active: false)
    task = Task.async(fn -> LineServer.stop(server) end)
    Process.sleep(100) #~ test/no-sleep
    assert :gen_tcp.recv(client, 0, 500) == {:ok, ~c"GOODBYE"}
    Task.await(task)
  end
end
