defmodule Shop.WatcherTest do
  use ExUnit.Case, async: true

  setup do
    pid = start_supervised!({Agent, fn -> %{} end})
    ref = Process.monitor(pid)
    %{agent: pid, ref: ref}
  end

  test "a watched worker is forgotten when it exits", %{agent: agent, ref: ref} do
    Agent.stop(agent)
    assert_receive {:DOWN, ^ref, :process, ^agent, :normal}
  end

  test "stopping a worker" do
    pid = spawn(fn -> :ok end)
    ref = Process.monitor(pid)
    assert_receive {:DOWN, ^ref, :process, ^pid, _reason}
  end

  test "crash is reported" do
    {:ok, pid} = Task.start(fn -> exit(:boom) end)
    ref = Process.monitor(pid)

    receive do
      {:DOWN, ^ref, :process, _, reason} -> assert reason == :boom
    end
  end
end
