defmodule MyApp.OutboxLinkedSetupTest do
  # `start_link_supervised!` starts the Outbox under the test supervisor, as
  # `start_supervised!` does, and also links it to the test process: each test still
  # gets its own, so the kill below reaches no other test.
  use ExUnit.Case, async: false

  alias MyApp.Outbox

  setup do
    start_link_supervised!({Outbox, flush_every: 50})
    :ok
  end

  test "a crash of the outbox ends the test process with it" do
    Process.flag(:trap_exit, true)
    outbox = Process.whereis(Outbox)
    Process.exit(outbox, :boom)
    assert_receive {:EXIT, ^outbox, :boom}
  end

  test "the shared mailer is not the setup's" do
    assert Process.exit(Process.whereis(MyApp.Mailer), :kill) #~ test/no-global-process
  end
end
