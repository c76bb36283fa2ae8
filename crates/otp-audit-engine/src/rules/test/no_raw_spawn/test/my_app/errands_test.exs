defmodule MyApp.ErrandsTest do
  use ExUnit.Case, async: true

  test "an errand that only sends ends on its own" do
    parent = self()
    spawn(fn -> Process.send_after(parent, :tick, 10) end)
    assert_receive :tick
  end

  test "a linked errand that reports back" do
    parent = self()

    spawn_link(fn ->
      assert MyApp.Feed.subscribe(:prices) == :ok
      send(parent, :subscribed)
    end)

    assert_receive :subscribed
  end

  test "a linked process whose exit the test traps and waits for" do
    Process.flag(:trap_exit, true)
    pid = spawn_link(fn -> MyApp.Feed.drain(:prices) end)
    assert_receive {:EXIT, ^pid, :normal}
  end

  test "a module the test defines may spawn" do
    defmodule CrashingSample do
      def run, do: spawn(fn -> raise "boom" end)
    end

    assert is_pid(CrashingSample.run())
  end

  test "a linked worker that waits for messages is still a leak" do
    pid = spawn_link(fn -> MyApp.Feed.loop(:prices) end) #~ test/no-raw-spawn
    send(pid, {:price, 10})
  end

  test "a spawn that sends and then waits is not an errand" do
    parent = self()

    spawn(fn -> #~ test/no-raw-spawn
      send(parent, :ready)
      receive do
        :go -> :ok
      end
    end)

    assert_receive :ready
  end
end
