defmodule MyApp.GraceFlagTest do
  use ExUnit.Case, async: true

  # The wrapper is told on its command line how long to wait between SIGTERM and
  # SIGKILL; the test is named for that delay and places its checks around it.
  test "delaying the forced kill" do
    port = MyApp.Wrapper.open(["--delay-to-kill", "300", "bin/stubborn"])
    os_pid = MyApp.Wrapper.os_pid(port)
    Port.close(port)

    Process.sleep(100)
    assert MyApp.OS.running?(os_pid)

    Process.sleep(300)
    refute MyApp.OS.running?(os_pid)
  end

  # The same flag in a test named for something else: the sleep is a guess.
  test "closing the port stops the program" do
    port = MyApp.Wrapper.open(["--delay-to-kill", "300", "bin/stubborn"])
    os_pid = MyApp.Wrapper.os_pid(port)
    Port.close(port)

    Process.sleep(500) #~ test/no-sleep
    refute MyApp.OS.running?(os_pid)
  end

  # Named for the delay, but the sleep comes before anything was closed: it waits
  # for the program to start, a guess.
  test "delaying the forced kill after startup" do
    port = MyApp.Wrapper.open(["--delay-to-kill", "300", "bin/stubborn"])
    Process.sleep(10) #~ test/no-sleep
    os_pid = MyApp.Wrapper.os_pid(port)
    Port.close(port)
    assert MyApp.OS.running?(os_pid)
  end
end
