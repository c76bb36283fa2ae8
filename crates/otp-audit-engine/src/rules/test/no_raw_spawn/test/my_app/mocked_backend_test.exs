defmodule MyApp.JobRunnerMockTest do
  use ExUnit.Case, async: true

  import Mox

  setup :verify_on_exit!

  test "a job's crash becomes an error for its caller" do
    # The expectation stands in for the backend: it runs in whatever process calls
    # the backend (the runner), and the runner waits on the monitor it returns.
    MyApp.MockBackend
    |> expect(:run_monitored, fn _state, job ->
      {:ok, spawn_monitor(job)}
    end)

    stub(MyApp.MockBackend, :run_detached, fn _state, job -> spawn(job) end)

    assert {:error, {:exit, :boom}} = MyApp.JobRunner.run(fn -> exit(:boom) end)
  end

  test "a worker the test starts itself is still its own" do
    pid = spawn(fn -> Process.sleep(:infinity) end) #~ test/no-raw-spawn
    assert Process.alive?(pid)
  end
end
