defmodule MyApp.ReportQueryTest do
  use ExUnit.Case, async: true
  import MyApp.ReportQuery

  defp plan(query), do: MyApp.ReportQuery.Planner.plan(query, :all)

  test "rejects a window without an order" do
    assert_raise MyApp.ReportQuery.Error, fn ->
      plan(report(:sales, window: :rolling))
    end
  end

  # The twin of the test above, through the file's own helper: that planning does
  # not raise is what it checks.
  test "plans a window with an order" do
    _ = plan(report(:sales, window: :rolling, order: :day))
  end

  test "rejects an unknown source" do
    assert_raise ArgumentError, fn -> report(:nowhere, []) end
  end

  # Imported from the module under test and asserted to raise above.
  test "accepts a source given as a string" do
    report("sales", [])
  end

  # Kernel's functions are shared by any two tests: no twin.
  test "elem of the report" do #~ test/no-assertion
    elem({:sales, []}, 0)
  end

  test "shapes a window" do
    assert_raise ArgumentError, fn -> elem({}, 0) end
  end
end
