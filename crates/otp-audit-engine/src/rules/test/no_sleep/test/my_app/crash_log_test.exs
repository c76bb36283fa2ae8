defmodule MyApp.CrashLogTest do
  use ExUnit.Case, async: true

  import ExUnit.CaptureLog

  test "a crashing formatter is reported" do
    log =
      capture_log(fn ->
        MyApp.Audit.record(:bad_entry)
        Process.sleep(100) #~ test/no-sleep
      end)

    assert log =~ "could not format"
  end
end
