defmodule MyApp.ThrottleWindowTest do
  use ExUnit.Case, async: true

  test "one job at a time: only the short jobs finish inside the window" do
    parent = self()
    runner = start_supervised!({MyApp.Runner, concurrency: 1})
    MyApp.Runner.run(runner, fn -> send(parent, :first) end)
    MyApp.Runner.run(runner, fn -> send(parent, :second) end)
    MyApp.Runner.run(runner, fn -> send(parent, :third) end)
    Process.sleep(160) #~ test/no-sleep
    assert_received :first
    assert_received :second
    refute_received :third
  end

  test "a refute that pins what an earlier check bound keeps its place" do
    runner = start_supervised!({MyApp.Runner, concurrency: 1})
    MyApp.Runner.run(runner, :tick)
    Process.sleep(100) #~ test/no-sleep
    assert_received {:started, ref}
    refute_received {:finished, ^ref}
  end

  test "only assertions after the sleep: the usual advice" do
    runner = start_supervised!({MyApp.Runner, concurrency: 1})
    MyApp.Runner.run(runner, :tick)
    Process.sleep(100) #~ test/no-sleep
    assert_received :tick
  end
end
