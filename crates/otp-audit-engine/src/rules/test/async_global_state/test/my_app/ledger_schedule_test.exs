defmodule MyApp.LedgerScheduleTest do
  use ExUnit.Case, async: true

  # Runs the same report code as MyApp.LedgerToolsTest, at the same time: its events
  # reach any handler that test attaches.
  test "the weekly report runs" do
    assert :ok == MyApp.LedgerTools.report(:weekly, %{})
  end
end
