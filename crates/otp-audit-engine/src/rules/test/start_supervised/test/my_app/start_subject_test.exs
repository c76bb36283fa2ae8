defmodule MyApp.StartSubjectTest do
  use ExUnit.Case, async: true

  import ExUnit.CaptureLog

  test "the name must be unique" do
    name = :"store_#{System.unique_integer([:positive])}"
    {:ok, pid} = MyApp.SessionStore.start_link(name: name)
    {:error, {:already_started, ^pid}} = MyApp.SessionStore.start_link(name: name)
  end

  test "a crashing job is logged" do
    assert capture_log(fn ->
             {:ok, pid} = MyApp.Job.start_link(fn -> raise "boom" end)
             ref = Process.monitor(pid)
             assert_receive {:DOWN, ^ref, :process, ^pid, _}
           end) =~ "boom"
  end

  test "a store that is stopped at the end still leaks on failure" do
    {:ok, pid} = MyApp.SessionStore.start_link(name: MyApp.SessionStore) #~ test/start-supervised
    assert MyApp.SessionStore.put(pid, :k, 1) == :ok
    GenServer.stop(pid)
  end
end

defmodule GenServerTest do
  use ExUnit.Case, async: true

  test "start_link/3 with a name" do
    {:ok, pid} = GenServer.start_link(MyApp.Stack, [], name: :primitive_stack)
    assert GenServer.call(pid, :pop) == nil
  end
end

defmodule MyApp.StartFailureTest do
  use ExUnit.Case, async: true

  setup_all do
    MyApp.SessionStore.start_link(name: :shared_sessions) #~ test/start-supervised
    :ok
  end

  test "a via name on a duplicate registry raises" do
    assert_raise ArgumentError, fn ->
      MyApp.SessionStore.start_link(name: {:via, MyApp.DupRegistry, "s"})
    end
  end
end

defmodule MyApp.BridgeReportTest do
  use ExUnit.Case

  test "a bridge that stops is reported" do
    Process.flag(:trap_exit, true)
    {:ok, pid} = MyApp.Bridge.start_link(:stop)
    assert_receive {:EXIT, ^pid, :stop}
  end
end
