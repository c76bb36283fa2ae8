defmodule MyApp.ReportDirsTest do
  use ExUnit.Case, async: true

  test "passes every --dir to the loader" do
    a = "tmp/a"
    b = "tmp/b"

    # A loader called with other paths matches no clause: FunctionClauseError fails the test.
    MyApp.ReportTask.run(["--dir", a, "--dir", b], fn [^a, ^b] -> [] end)
  end

  test "runs with any loader" do #~ test/no-assertion
    MyApp.ReportTask.run(["--dir", "tmp/c"], fn _dirs -> [] end)
  end
end
