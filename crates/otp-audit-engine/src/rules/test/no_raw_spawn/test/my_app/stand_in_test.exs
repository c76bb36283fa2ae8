defmodule MyApp.SessionOwnerTest do
  use ExUnit.Case, async: true

  alias MyApp.SessionOwner

  setup do
    owner = spawn(fn -> Process.sleep(:infinity) end)
    on_exit(fn -> Process.exit(owner, :kill) end)
    %{owner: owner}
  end

  test "a session follows its owner down" do
    owner = spawn(fn -> Process.sleep(:infinity) end)
    {:ok, session} = SessionOwner.start(owner: owner)
    ref = Process.monitor(session)

    Process.exit(owner, :kill)

    assert_receive {:DOWN, ^ref, :process, ^session, {:owner_down, :killed}}
  end

  test "a stranger may not take over the session", %{owner: owner} do
    {stranger, ref} = spawn_monitor(fn -> Process.sleep(:infinity) end)
    on_exit(fn -> Process.exit(stranger, :kill) end)

    assert {:error, :not_owner} = SessionOwner.take_over(owner, stranger)
    refute_received {:DOWN, ^ref, _, _, _}
  end

  test "a watcher that is never stopped leaks" do
    watcher = spawn(fn -> Process.sleep(:infinity) end) #~ test/no-raw-spawn
    assert :ok = SessionOwner.watch(watcher)
  end

  test "a spawn inside an awaited task leaks the spawned process" do
    task =
      Task.async(fn ->
        holder = spawn(fn -> Process.sleep(:infinity) end) #~ test/no-raw-spawn
        SessionOwner.start(owner: holder)
      end)

    assert {:ok, _session} = Task.await(task)
  end

  test "a spawn inside a task that the test kills is cleaned up" do
    task =
      Task.async(fn ->
        holder = spawn(fn -> Process.sleep(:infinity) end)
        {holder, SessionOwner.start(owner: holder)}
      end)

    {holder, {:ok, _session}} = Task.await(task)
    assert Process.alive?(holder)
    on_exit(fn -> Process.exit(holder, :kill) end)
  end
end
