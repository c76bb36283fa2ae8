defmodule MyApp.DeadPidTest do
  use ExUnit.Case, async: true

  # No finding in this file: each spawn is the dead-pid idiom or runs in another process.

  test "calls to a dead pid return an error" do
    pid = spawn(fn -> :ok end)
    ref = Process.monitor(pid)
    assert_receive {:DOWN, ^ref, :process, ^pid, :normal}
    assert {:error, :noproc} = MyApp.Client.ping(pid)
  end

  test "monitoring without keeping the ref still waits for DOWN" do
    pid = spawn(fn -> :ok end)
    Process.monitor(pid)
    assert_receive {:DOWN, _, :process, ^pid, _}
    refute Process.alive?(pid)
  end

  test "keeping the monitor ref is enough" do
    pid = spawn(fn -> exit(:boom) end)
    ref = Process.monitor(pid)
    assert MyApp.Client.status(pid, ref) == :down
  end

  test "spawn_monitor waiting for DOWN" do
    {pid, ref} = spawn_monitor(fn -> exit(:crash) end)
    assert_receive {:DOWN, ^ref, :process, ^pid, :crash}
  end

  test "a task's spawns are nobody's: the task does not stop them" do
    task =
      Task.async(fn ->
        child = spawn(fn -> Process.sleep(:infinity) end) #~ test/no-raw-spawn
        is_pid(child)
      end)

    assert Task.await(task)
  end

  test "spawns inside a supervised child" do
    start_supervised!({Task, fn -> spawn_link(fn -> :ok end) end})
    assert :ok == :ok
  end
end
