defmodule Relay.ProcessReportTest do
  use ExUnit.Case, async: true

  test "the test process reports the monitor it holds" do
    agent = start_supervised!({Agent, fn -> %{} end})
    Process.monitor(agent)

    {:monitors, monitors} = Process.info(self(), :monitors)
    assert {:process, agent} in monitors
  end
end
