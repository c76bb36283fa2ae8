defmodule MyApp.PairingCrashTest do
  use ExUnit.Case, async: false

  test "a crash mid-pairing brings the server back idle" do
    :ok = MyApp.Pairing.start_pairing(device: 302)
    pid = Process.whereis(MyApp.PairingServer)
    Process.exit(pid, :kill)
    Process.sleep(500)
    assert :idle == MyApp.Pairing.status()
  end
end

defmodule MyApp.PairingKillTest do
  use ExUnit.Case, async: false

  # Near miss: nothing after the wait checks that the server is back.
  test "a kill mid-pairing" do
    :ok = MyApp.Pairing.start_pairing(device: 303)
    pid = Process.whereis(MyApp.PairingServer) #~ test/no-global-process
    Process.exit(pid, :kill)
    Process.sleep(500)
  end

  test "pairing again" do
    assert :ok = MyApp.Pairing.start_pairing(device: 304)
  end
end
