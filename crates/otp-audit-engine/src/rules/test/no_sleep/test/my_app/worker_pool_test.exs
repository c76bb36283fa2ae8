defmodule MyApp.WorkerPoolTest do
  use ExUnit.Case, async: true

  alias MyApp.WorkerPool

  # No finding in this file: every sleep runs outside the test process, or forever.

  test "a dummy process that lives until the test ends" do
    pid = start_supervised!({Task, fn -> Process.sleep(:infinity) end})
    assert Process.alive?(pid)
  end

  test "slow jobs are simulated inside the task" do
    pool = start_supervised!({WorkerPool, size: 2})

    task =
      Task.async(fn ->
        Process.sleep(50)
        WorkerPool.checkout(pool)
      end)

    assert {:ok, _worker} = Task.await(task)
  end

  test "a spawned receiver blocks without a timeout" do
    parent = self()

    pid =
      spawn(fn ->
        :timer.sleep(10)
        send(parent, :ready)
      end)

    assert_receive :ready
    assert is_pid(pid)
  end

  test "callbacks handed to a helper are not known to run here" do
    WorkerPool.with_retry(fn -> Process.sleep(5) end)
    receive do
      {:done, _} -> :ok
    after
      100 -> flunk("no reply")
    end
  end

  test "waiting forever in the test process is a hang, not a timing guess" do
    Process.sleep(:infinity)
  end

  defp settle, do: Process.sleep(10)

  test "helpers outside the test body are not checked" do
    settle()
    assert WorkerPool.size(WorkerPool) == 0
  end
end
