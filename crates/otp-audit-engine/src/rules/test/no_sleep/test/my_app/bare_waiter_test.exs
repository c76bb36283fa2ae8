defmodule MyApp.BareWaiterTest do
  use ExUnit.Case, async: true

  alias MyApp.Link

  test "a client that waits for the connection is handed one" do
    parent = self()

    client =
      spawn_link(fn ->
        send(parent, {:result, Link.await_connection(:primary)})
      end)

    # The client must be in its receive before the connection arrives.
    Process.sleep(50)  #~ test/no-sleep
    send(client, {:connection, :primary, :socket})
    assert_receive {:result, {:ok, :socket}}
  end

  test "an owner checked before it is told to stop" do
    parent = self()

    owner =
      spawn(fn ->
        Link.checkout(:primary)
        receive do
          :stop -> :ok
        end
      end)

    Process.sleep(20)  #~ test/no-sleep
    assert Link.owner(:primary) == owner
    send(owner, :stop)
    refute_received ^parent
  end

  test "a retry sent to a spawned client" do
    parent = self()

    client =
      spawn_link(fn ->
        receive do
          :retry -> send(parent, {:retried, Link.publish(:primary, "hi")})
        end
      end)

    send(client, :retry)
    Process.sleep(20)  #~ test/no-sleep
    assert Link.pending(:primary) == ["hi"]
  end

  test "a retry that waits for a new connection" do
    parent = self()

    publisher =
      spawn_link(fn ->
        receive do
          :retry -> send(parent, {:published, Link.await_connection(:primary)})
        end
      end)

    send(publisher, :retry)
    Process.sleep(40)  #~ test/no-sleep
    send(publisher, {:connection, :primary, :socket})
    assert_receive {:published, {:ok, :socket}}
  end

  test "a message to a server the test started" do
    pid = start_supervised!({Link, name: nil})
    send(pid, :reconnect)
    Process.sleep(20)  #~ test/no-sleep
    assert Link.state(pid) == :connected
  end
end
