defmodule MyApp.WorkerPoolTest do
  use ExUnit.Case, async: true

  # A `.pid` field in a file that mounts no LiveView: the pool's own state, a warning.

  test "a checked-out worker is busy" do
    worker = MyApp.WorkerPool.checkout(MyApp.WorkerPool)
    assert :sys.get_state(worker.pid).busy? #~ test/no-sys-state
  end

  test "a channel_pid field outside a channel test is a process of the project" do
    lease = MyApp.WorkerPool.lease(MyApp.WorkerPool)
    assert %{holder: _} = :sys.get_state(lease.channel_pid) #~ test/no-sys-state
  end
end
