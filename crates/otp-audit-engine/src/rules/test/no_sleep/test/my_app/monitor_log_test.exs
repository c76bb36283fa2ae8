defmodule MyApp.SysMonitorLogTest do
  use ExUnit.Case, async: false

  import ExUnit.CaptureLog

  test "a monitor event for a dead process is logged" do
    monitor = start_supervised!(MyApp.SysMonitor)

    log =
      capture_log(fn ->
        send(monitor, {:monitor, spawn(fn -> :ok end), :long_gc, 500})
        Process.sleep(100) #~ test/no-sleep
      end)

    assert log =~ "long_gc"
  end

  test "a handler that logs in its own time" do
    log =
      capture_log(fn ->
        :telemetry.execute([:my_app, :job, :failed], %{}, %{id: 7})
        Process.sleep(50) #~ test/no-sleep
      end)

    assert log =~ "job 7 failed"
  end
end
