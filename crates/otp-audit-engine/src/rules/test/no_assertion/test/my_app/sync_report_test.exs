defmodule MyApp.SyncReportTest do
  # MyApp.SyncReport matches {:error, _} results but never returns one: there is no
  # error path of its own for this module to test.
  use ExUnit.Case, async: true

  alias MyApp.SyncReport

  test "counts synced records" do
    summary = SyncReport.summarise([{:ok, 1}, {:ok, 2}])
    assert summary == %{synced: 2, failed: []}
    assert SyncReport.headline(summary) == "2 records synced"
  end

  test "a batch of nothing synced nothing" do
    assert SyncReport.first_failure([]) == nil
    assert SyncReport.headline(SyncReport.summarise([])) == "0 records synced"
  end
end
