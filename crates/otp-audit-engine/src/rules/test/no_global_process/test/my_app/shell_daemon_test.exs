defmodule MyApp.ShellDaemonTest do
  # Each test starts the daemon itself under its fixed name, and no other async test
  # module starts it: the instance is this test's own.
  use ExUnit.Case, async: true

  test "recovers from a crash of the listener" do
    start_supervised!({MyApp.ShellDaemon, port: 4022})
    state = :sys.get_state(MyApp.ShellDaemon)
    Process.exit(state.listener, :kill)
    assert_receive {:listener_restarted, _}, 1_000
  end

  # Near miss: a name this module never starts, the application's own.
  test "the registry is the application's" do
    assert :ok = GenServer.call(MyApp.SessionRegistry, :ping) #~ test/no-global-process
  end
end
