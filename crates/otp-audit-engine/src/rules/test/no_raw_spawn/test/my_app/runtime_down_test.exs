defmodule MyApp.RuntimeDownTest do
  use ExUnit.Case, async: true

  alias MyApp.{Evaluator, Runtime}

  setup do
    {:ok, evaluator} = start_supervised({Evaluator, send_to: self()})
    %{evaluator: evaluator}
  end

  test "a reader process sees the cached input", %{evaluator: evaluator} do
    # The helper monitors the pid it is given and waits for :DOWN: the test waits for
    # the end of what it started.
    pid =
      spawn_link(fn ->
        assert Evaluator.read_input(evaluator, "input1") == {:ok, :cached}
      end)

    await_termination(pid)
  end

  test "an unlinked reader's failed assertion is lost", %{evaluator: evaluator} do
    pid = spawn(fn -> assert Evaluator.read_input(evaluator, "input1") == {:ok, :cached} end) #~ test/no-raw-spawn
    await_termination(pid)
  end

  test "an unlinked reader whose end must be normal", %{evaluator: evaluator} do
    pid = spawn(fn -> assert Evaluator.read_input(evaluator, "input1") == {:ok, :cached} end)
    await_normal_end(pid)
  end

  test "a helper that only monitors does not wait", %{evaluator: evaluator} do
    pid = spawn_link(fn -> Evaluator.read_input(evaluator, "input1") end) #~ test/no-raw-spawn
    watch(pid)
  end

  test "subscribers hear when the runtime node goes down" do
    {:ok, runtime} = Runtime.start_standalone()
    Runtime.subscribe(runtime)

    # The process halts the node it runs on: it ends with that node.
    Node.spawn(runtime.node, System, :halt, [])
    assert_receive {:runtime_down, _reason}, 5_000
  end

  test "a halt written as a fn" do
    {:ok, runtime} = Runtime.start_standalone()
    Runtime.subscribe(runtime)
    Node.spawn(runtime.node, fn -> :init.stop() end)
    assert_receive {:runtime_down, _reason}, 5_000
  end

  test "a process that serves on the other node is still reported" do
    {:ok, runtime} = Runtime.start_standalone()
    Node.spawn(runtime.node, fn -> Runtime.serve_forever() end) #~ test/no-raw-spawn
    assert Runtime.connected?(runtime)
  end

  defp await_termination(pid) do
    ref = Process.monitor(pid)
    assert_receive {:DOWN, ^ref, :process, _, _}
  end

  defp await_normal_end(pid) do
    ref = Process.monitor(pid)
    assert_receive {:DOWN, ^ref, :process, _, :normal}
  end

  defp watch(pid), do: Process.monitor(pid)
end
