defmodule MyApp.MetricsTest do
  use ExUnit.Case, async: true

  setup do
    ref = :telemetry_test.attach_event_handlers(self(), [[:my_app, :job, :stop]])
    on_exit(fn -> :telemetry.detach(ref) end)
    %{ref: ref}
  end

  test "the job reports its duration" do
    MyApp.Jobs.run_async(:report)
    Process.sleep(50) #~ test/no-sleep
    assert MyApp.Jobs.status(:report) == :done
  end
end
