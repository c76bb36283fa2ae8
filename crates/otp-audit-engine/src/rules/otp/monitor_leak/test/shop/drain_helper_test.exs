defmodule Shop.DrainHelperTest do
  use ExUnit.Case, async: true

  # The :DOWN is taken by a helper the test calls with fewer arguments than its head
  # has: the default fills in the accumulator.
  test "the exporter drains and stops" do
    {:ok, pid} = Shop.Exporter.start_link(batch: 2)
    Process.monitor(pid)
    assert drain(pid) == [:a, :b]
  end

  test "a monitor nothing waits on" do
    {:ok, pid} = Shop.Exporter.start_link(batch: 2)
    Process.monitor(pid) #~ otp/monitor-leak
    assert is_pid(pid)
  end

  defp drain(pid, acc \\ []) do
    receive do
      {:batch, items} -> drain(pid, acc ++ items)
      {:DOWN, _ref, :process, ^pid, :normal} -> acc
    after
      1_000 -> flunk("the exporter did not stop")
    end
  end
end
