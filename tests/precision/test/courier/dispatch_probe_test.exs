defmodule Courier.DispatchProbeTest do
  use ExUnit.Case, async: true

  alias Courier.DispatchProbe

  test "a probe the test releases reports one hop" do
    parent = self()
    probe = spawn_link(fn -> receive(do: (:release -> send(parent, {:hop, self()}))) end)

    DispatchProbe.watch(probe, fn ->
      send(probe, :release)
      assert_receive {:hop, ^probe}
    end)
  end

  test "a probe that gives up after a while ends on its own" do
    parent = self()

    probe =
      spawn_link(fn ->
        receive do
          :release -> send(parent, :released)
        after
          100 -> send(parent, :timed_out)
        end
      end)

    assert DispatchProbe.hops(probe) == []
    assert_receive :timed_out, 500
  end

  test "probes whose exits the helper awaits" do
    refs =
      for depot <- [:north, :south] do
        {_pid, ref} = spawn_monitor(fn -> DispatchProbe.ping(depot) end)
        ref
      end

    await_exits(refs)
    assert DispatchProbe.pings() == 2
  end

  test "a probe left waiting for a message nobody sends" do
    probe = spawn(fn -> receive(do: (:release -> :ok)) end) #~ test/no-raw-spawn
    assert DispatchProbe.hops(probe) == []
  end

  test "a linked probe server without a name dies with the test" do
    {:ok, server} = Courier.DispatchProbe.start_link(depot: :north)
    assert Courier.DispatchProbe.hops(server) == []
  end

  defp await_exits(refs) do
    Enum.each(refs, fn ref -> assert_receive {:DOWN, ^ref, :process, _, :normal} end)
  end
end
