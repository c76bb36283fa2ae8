defmodule MyApp.ReaperReportTest do
  use ExUnit.Case, async: true

  test "the OS process dies with its owner" do
    parent = self()

    spawn(fn -> #~ test/no-raw-spawn
      {:ok, runner} = MyApp.Runner.start_link(["sleep", "60"])
      send(parent, MyApp.Runner.os_pid(runner))
      Process.exit(runner, :kill)
    end)

    os_pid =
      receive do
        os_pid -> os_pid
      end

    refute MyApp.Runner.alive?(os_pid)
  end

  test "a bounded wait keeps the general wording" do
    parent = self()

    spawn(fn -> #~ test/no-raw-spawn
      {:ok, runner} = MyApp.Runner.start_link(["true"])
      send(parent, {:started, MyApp.Runner.os_pid(runner)})
      MyApp.Runner.wait(runner)
    end)

    receive do
      {:started, _} -> :ok
    after
      1_000 -> flunk("no report")
    end
  end
end
