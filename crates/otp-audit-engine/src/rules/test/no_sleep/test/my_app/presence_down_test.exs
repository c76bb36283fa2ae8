defmodule MyApp.PresenceDownTest do
  use ExUnit.Case, async: true

  test "a node that went down is forgotten" do
    tracker = start_supervised!({MyApp.Presence, down_period: 50})
    peer = start_supervised!({MyApp.PresencePeer, tracker: tracker})
    MyApp.Presence.track(tracker, peer, "lobby", "ada")

    Process.exit(peer, :kill)
    # The test has seen the exit land; the sleep below waits for the tracker's sweep,
    # not for a restart, and the message says so.
    assert MyApp.Presence.status(tracker, peer) == :down
    Process.sleep(80) #~ test/no-sleep
    assert MyApp.Presence.list(tracker, "lobby") == []
  end

  test "a killed worker is back" do
    worker = start_supervised!(MyApp.PresenceWorker)
    Process.exit(worker, :kill)
    Process.sleep(20) #~ test/no-sleep
    assert is_pid(Process.whereis(MyApp.PresenceWorker))
  end
end
