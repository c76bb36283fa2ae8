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

  test "a subscriber that checks its messages and reports back ends on its own" do
    parent = self()

    spawn_link(fn ->
      MyApp.Feed.subscribe(:prices)
      send(parent, :subscribed)
      assert_receive {:price, 10}
      send(parent, :checked)
    end)

    assert_receive :subscribed
    MyApp.Feed.publish(:prices, 10)
    assert_receive :checked
  end

  test "an acceptor that only runs library calls with timeouts ends on its own" do
    {:ok, listener} = :gen_tcp.listen(0, active: false)
    {:ok, port} = :inet.port(listener)

    spawn_link(fn ->
      with {:ok, conn} <- :gen_tcp.accept(listener, 1_000) do
        :gen_tcp.close(conn)
      end
    end)

    assert {:ok, _} = :gen_tcp.connect(~c"localhost", port, [], 1_000)
  end

  test "a subscriber that waits without a bound is still reported" do
    spawn_link(fn -> #~ test/no-raw-spawn
      MyApp.Feed.subscribe(:prices)
      receive do
        {:price, _} -> :ok
      end
    end)

    MyApp.Feed.publish(:prices, 10)
  end
end
