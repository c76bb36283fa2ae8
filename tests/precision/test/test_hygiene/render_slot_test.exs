defmodule MediaKit.RenderSlotTest do
  use ExUnit.Case, async: true

  alias MediaKit.RenderSlot

  defmodule Probe do
    use Agent

    def start_link(count), do: Agent.start_link(fn -> count end, name: __MODULE__)
  end

  test "a slot name is unique" do
    name = :"slot_#{System.unique_integer([:positive])}"
    {:ok, slot} = RenderSlot.start_link(name: name, job: "a")
    assert {:error, {:already_started, ^slot}} = RenderSlot.start_link(name: name, job: "b")
  end

  test "a released slot stops normally" do
    {:ok, slot} = RenderSlot.start_link(job: "c")
    ref = Process.monitor(slot)
    assert :ok = RenderSlot.release(slot)
    assert_receive {:DOWN, ^ref, :process, ^slot, :normal}
  end

  test "code_change upgrades a v1 state" do
    slot = start_supervised!({RenderSlot, job: "d"})
    assert upgrade(slot, {:v1, "d"}) == :ok
    assert :ok = RenderSlot.release(slot)
  end

  test "a temporary probe is gone once stopped" do
    start_supervised!({Probe, 0}, restart: :temporary)
    Agent.stop(Probe)
    refute Process.whereis(Probe)
  end

  test "a released slot can no longer be reached" do
    gone = spawn(fn -> :ok end)
    MediaKit.Eventually.eventually(fn -> not Process.alive?(gone) end)
    assert catch_exit(RenderSlot.release(gone))
  end

  test "config for a test-local module stays private" do
    Application.put_env(:media_kit, Probe, interval: 5)
    on_exit(fn -> Application.delete_env(:media_kit, Probe) end)
    assert Application.fetch_env!(:media_kit, Probe) == [interval: 5]
  end

  defp upgrade(slot, old_state) do
    :ok = :sys.suspend(slot)
    :sys.replace_state(slot, fn _ -> old_state end)
    result = :sys.change_code(slot, RenderSlot, "1", :extra)
    :ok = :sys.resume(slot)
    result
  end
end
