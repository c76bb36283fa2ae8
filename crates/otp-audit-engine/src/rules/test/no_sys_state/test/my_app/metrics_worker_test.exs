defmodule MyApp.MetricsWorkerTest do
  use ExUnit.Case, async: true

  test "a worker with no exporter config has no exporter state" do
    {:ok, pid} = start_supervised({MyApp.MetricsWorker, name: nil})
    assert %{exporter: nil} = :sys.get_state(pid) #~ test/no-sys-state
  end

  test "keeps the last reading in its state" do
    {:ok, pid} = start_supervised({MyApp.MetricsWorker, name: nil})
    send(pid, {:reading, 42})
    assert %{last: 42} = :sys.get_state(pid) #~ test/no-sys-state
  end

  # Near miss: the name says what the worker reports, not what it holds.
  test "reports a reading after restart" do
    {:ok, pid} = start_supervised({MyApp.MetricsWorker, name: nil})
    send(pid, {:reading, 7})
    assert %{last: 7} = :sys.get_state(pid) #~ test/no-sys-state
  end
end
