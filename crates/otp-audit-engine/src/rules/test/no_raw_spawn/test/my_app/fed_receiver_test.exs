defmodule MyApp.TracerTest do
  use ExUnit.Case, async: true

  alias MyApp.Tracer

  test "a receiver the test feeds ends inside the test" do
    parent = self()
    pid = spawn_link(fn -> receive(do: (:go -> send(parent, :done))) end)

    Tracer.watch(pid, fn ->
      send(pid, :go)
      assert_receive :done
    end)
  end

  test "a receiver that matches with the library's guard" do
    require Tracer
    parent = self()

    pid =
      spawn(fn ->
        receive do
          {ref, _} when Tracer.is_trace_ref(ref) -> send(parent, :trace)
          _ -> send(parent, :other)
        end
      end)

    send(pid, {Tracer.new_ref(), :done})
    assert_receive :trace
  end

  test "a guarded receiver that calls the library when fed" do
    require Tracer

    pid =
      spawn(fn -> #~ test/no-raw-spawn
        receive do
          {ref, _} when Tracer.is_trace_ref(ref) -> Tracer.follow(ref)
          _ -> :ignored
        end
      end)

    send(pid, {Tracer.new_ref(), :done})
    assert Tracer.seen(pid) == 1
  end

  test "two nested waits, two messages from the test" do
    pid =
      spawn_link(fn ->
        receive do
          _first ->
            receive do
              _second -> :ok
            end
        end
      end)

    send(pid, :one)
    send(pid, :two)
    assert Tracer.seen(pid) == 2
  end

  test "bounded waits end on their own" do
    parent = self()

    pid =
      spawn_link(fn ->
        receive do
          :continue -> send(parent, :continued)
        after
          200 -> send(parent, :gave_up)
        end
      end)

    assert_receive msg when msg in [:continued, :gave_up], 500
    assert Tracer.seen(pid) >= 0
  end

  test "one message for two waits leaves the process waiting" do
    pid =
      spawn_link(fn -> #~ test/no-raw-spawn
        receive do
          _ ->
            receive do
              _ -> Tracer.record(:second)
            end
        end
      end)

    send(pid, :one)
    assert Tracer.seen(pid) == 1
  end

  test "a receiver nobody feeds waits until the test is over" do
    pid = spawn_link(fn -> receive(do: (_ -> Tracer.record(:late))) end) #~ test/no-raw-spawn
    assert Tracer.seen(pid) == 0
  end

  test "a fed loop keeps running after the message" do
    pid = spawn(fn -> listen() end) #~ test/no-raw-spawn
    send(pid, :ping)
    assert Tracer.seen(pid) == 1
  end

  test "monitors awaited in a helper" do
    refs =
      for n <- 1..3 do
        {_pid, ref} = spawn_monitor(fn -> Tracer.record(n) end)
        ref
      end

    await_downs(refs)
    assert Tracer.count() == 3
  end

  test "a module the test defines and runs" do
    defmodule SampleTest do
      use ExUnit.Case

      test "spawns and crashes" do
        spawn_link(fn -> raise "boom" end)
        Process.sleep(10)
      end
    end

    ExUnit.Server.modules_loaded(false)
    assert %{failures: 1} = ExUnit.run()
  end

  defp listen do
    receive do
      _ -> listen()
    end
  end

  defp await_downs(refs) do
    for ref <- refs do
      assert_receive {:DOWN, ^ref, :process, _, _}
    end
  end
end
