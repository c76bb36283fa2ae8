defmodule MyApp.ErrorReportTest do
  use ExUnit.Case

  import ExUnit.CaptureLog

  # Each test starts the server in a task of its own and makes it end at once, then
  # checks what the error reporter saw.
  test "reports a callback that raises" do
    capture_log(fn ->
      in_task(fn ->
        {:ok, pid} = GenServer.start(MyApp.FaultyServer, [], name: MyApp.FaultyServer)
        GenServer.cast(pid, {:raise, "boom"})
      end)
    end)

    assert_receive {:reported, %RuntimeError{message: "boom"}}
  end

  test "reports a callback that exits" do
    {:ok, pid} = GenServer.start(MyApp.FaultyServer, [])
    GenServer.cast(pid, {:exit, :abnormal})
    assert_receive {:reported, :abnormal}
  end

  test "reports a stop with a reason" do
    in_task(fn ->
      {:ok, pid} = GenServer.start(MyApp.FaultyServer, [], name: MyApp.FaultyServer)
      GenServer.call(pid, {:stop, :abnormal})
    end)

    assert_receive {:reported, :abnormal}
  end

  test "reports a server stopped from outside" do
    {:ok, pid} = GenServer.start(MyApp.FaultyServer, [], name: MyApp.FaultyServer)
    GenServer.stop(pid, :abnormal)
    assert_receive {:reported, :abnormal}
  end

  # Near misses: the server lives on after each of these.
  test "reports a throw" do
    {:ok, pid} = GenServer.start(MyApp.FaultyServer, [], name: MyApp.FaultyServer) #~ test/start-supervised
    GenServer.cast(pid, {:throw, :oops})
    assert_receive {:reported, _}
  end

  test "a stop that depends on the reason" do
    {:ok, pid} = GenServer.start(MyApp.FaultyServer, [], name: MyApp.FaultyServer) #~ test/start-supervised
    GenServer.cast(pid, {:maybe_stop, :normal})
    refute_receive {:reported, _}
  end

  test "a reply" do
    {:ok, pid} = GenServer.start(MyApp.FaultyServer, [], name: MyApp.FaultyServer) #~ test/start-supervised
    assert :pong = GenServer.call(pid, :ping)
  end

  test "a stop after an assertion that may fail first" do
    {:ok, pid} = GenServer.start(MyApp.FaultyServer, [], name: MyApp.FaultyServer) #~ test/start-supervised
    assert :pong = GenServer.call(pid, :ping)
    GenServer.stop(pid)
  end

  defp in_task(fun) do
    Task.Supervisor.async_nolink(MyApp.TaskSup, fun) |> Task.yield()
  end
end
