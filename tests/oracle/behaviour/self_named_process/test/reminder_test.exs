defmodule Oracle.ReminderTest do
  use ExUnit.Case, async: true

  @moduletag timeout: 2_000

  test "a tagged reminder arrives wrapped" do
    Oracle.Reminder.tagged(self(), :call_back, 10)
    assert_receive {:timer, :call_back}, 1_000
  end

  test "a plain reminder arrives as it was sent" do
    Oracle.Reminder.plain(self(), :call_back, 10)
    assert_receive :call_back, 1_000
  end

  test "a scheduled job arrives as a run message" do
    Oracle.Scheduler.schedule(self(), :nightly_report, 10)
    assert_receive {:run, :nightly_report}, 1_000
  end
end
