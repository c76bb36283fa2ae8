defmodule MyApp.MetricsTest do
  use ExUnit.Case, async: true

  setup do
    ref = :telemetry_test.attach_event_handlers(self(), [[:my_app, :job, :stop]])
    on_exit(fn -> :telemetry.detach(ref) end)
    %{ref: ref}
  end

  # The module mentions telemetry, but this sleep precedes a status check.
  test "the job reports its duration" do
    MyApp.Jobs.run_async(:report)
    Process.sleep(50) #~ test/no-sleep
    assert MyApp.Jobs.status(:report) == :done
  end

  test "the job's stop event is counted" do
    MyApp.Jobs.run_async(:export)
    Process.sleep(50) #~ test/no-sleep
    assert MyApp.TelemetryRecorder.count([:my_app, :job, :stop]) == 1
  end

  test "the sleep ends the test" do
    assert :ok = MyApp.Jobs.run_async(:cleanup)
    Process.sleep(20) #~ test/no-sleep
  end
end
