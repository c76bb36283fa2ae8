defmodule MyApp.OutboxSetupTest do
  # Each test gets its own Outbox from `setup`; the test supervisor stops it when
  # the test ends, so killing it here leaks into no other test.
  use ExUnit.Case, async: false

  alias MyApp.Outbox

  setup do
    start_supervised!({Outbox, flush_every: 50})
    :ok
  end

  test "a crash of the outbox fails the pending push" do
    outbox = Process.whereis(Outbox)
    task = Task.async(fn -> catch_exit(Outbox.push(:event)) end)
    Process.exit(outbox, :boom)
    assert {:boom, _} = Task.await(task)
  end

  test "the queue starts empty" do
    assert Outbox.size(Outbox) == 0
  end

  test "the app's own mailer is still the shared one" do
    assert Process.exit(Process.whereis(MyApp.Mailer), :kill) #~ test/no-global-process
  end
end

defmodule MyApp.OutboxAsyncSetupTest do
  # With async: true, another module's tests may start the same named Outbox at the
  # same time: still reported.
  use ExUnit.Case, async: true

  setup do
    start_supervised!(MyApp.Outbox)
    :ok
  end

  test "pushing" do
    assert :ok = GenServer.call(MyApp.Outbox, {:push, :event}) #~ test/no-global-process
  end
end
