defmodule Shop.ProcessReportTest do
  use ExUnit.Case, async: true

  test "the report lists what the process monitors" do
    watched = spawn(fn -> Process.sleep(:infinity) end)
    # The monitor is what the report should show; no :DOWN is expected.
    Process.monitor(watched)

    {:monitors, monitors} = Process.info(self(), :monitors)
    assert {:process, watched} in monitors
    assert Shop.ProcessReport.render(self()) =~ "Monitors"
  end

  test "a monitor nobody waits on while checking something else" do
    worker = spawn(fn -> Process.sleep(:infinity) end)
    Process.monitor(worker) #~ otp/monitor-leak
    assert Process.info(worker, :status) == {:status, :waiting}
  end
end
