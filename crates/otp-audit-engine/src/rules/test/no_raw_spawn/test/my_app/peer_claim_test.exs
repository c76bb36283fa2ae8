defmodule MyApp.PeerClaimTest do
  use ExUnit.Case, async: true

  test "a second owner cannot claim a pid another scope holds" do
    probe = spawn(fn -> Process.sleep(:infinity) end)
    on_exit(fn -> Process.exit(probe, :kill) end)
    me = self()
    MyApp.Scopes.claim(me, probe)

    # Its project calls all come before the report the test waits for (one is in the
    # report itself); it then waits for the test's :exit.
    peer =
      spawn(fn ->
        MyApp.Scopes.claim(self(), probe)
        send(me, {:peer_owns?, MyApp.Scopes.owner(probe) == self()})

        receive do
          :exit -> :ok
        end
      end)

    assert_receive {:peer_owns?, false}, 1_000
    send(peer, :exit)
  end

  test "a peer that serves after its report may run for good" do
    me = self()

    peer =
      spawn(fn -> #~ test/no-raw-spawn
        send(me, :ready)
        MyApp.Scopes.serve(self())

        receive do
          :exit -> :ok
        end
      end)

    assert_receive :ready, 1_000
    send(peer, :exit)
  end
end
