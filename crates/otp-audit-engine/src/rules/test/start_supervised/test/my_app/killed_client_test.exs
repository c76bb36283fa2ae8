defmodule MyApp.KilledClientTest do
  use ExUnit.Case, async: true

  alias MyApp.SessionStore

  test "the store drops a session whose owner is killed", %{test: name} do
    parent = self()
    store = start_supervised!({SessionStore, name: name})

    # Unlinked on purpose: the test kills the owner and must survive it.
    {:ok, owner} =
      Task.start(fn ->
        :ok = SessionStore.open(store, :cart)
        send(parent, :opened)
        Process.sleep(:infinity)
      end)

    assert_receive :opened
    Process.exit(owner, :kill)

    assert_receive {:closed, :cart}
  end

  test "an owner the test never ends outlives it", %{test: name} do
    parent = self()
    store = start_supervised!({SessionStore, name: name})

    {:ok, owner} =
      Task.start(fn -> #~ test/start-supervised
        :ok = SessionStore.open(store, :cart)
        send(parent, {:opened, self()})
        Process.sleep(:infinity)
      end)

    assert_receive {:opened, ^owner}
  end

  test "a killed server under a fixed name can still clash with the next test" do
    {:ok, pid} = GenServer.start(SessionStore, [], name: SessionStore) #~ test/start-supervised

    assert :ok = SessionStore.open(pid, :cart)
    Process.exit(pid, :kill)
  end
end
