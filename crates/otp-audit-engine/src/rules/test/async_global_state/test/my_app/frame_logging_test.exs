defmodule MyApp.FrameLoggingTest do
  use ExUnit.Case, async: true
  import ExUnit.CaptureLog

  # The test lowers the global level to capture debug output: capture_log cannot
  # do that by itself, so the advice is a module of its own with async: false.
  test "logs debug messages for inbound frames" do
    Logger.configure(level: :debug) #~ test/async-global-state
    log = capture_log(fn -> MyApp.Frames.receive_frame(<<1, 2, 3>>) end)
    assert log =~ "Received frame"
  end

  # No capture after it: the usual advice.
  test "runs quietly" do
    Logger.configure(level: :error) #~ test/async-global-state
    assert :ok = MyApp.Frames.receive_frame(<<1>>)
  end
end
