defmodule MyApp.UpgradeTest do
  use ExUnit.Case, async: true

  test "code_change migrates the old state" do
    pid = start_supervised!(MyApp.Counter)
    assert simulate_upgrade(pid, %{count: 3}) == :ok
    assert MyApp.Counter.value(pid) == 3
  end

  test "reading state without an upgrade is still coupling" do
    pid = start_supervised!(MyApp.Counter)
    assert :sys.get_state(pid).count == 0 #~ test/no-sys-state
  end

  defp simulate_upgrade(pid, old_state) do
    :ok = :sys.suspend(pid)
    :sys.replace_state(pid, fn _ -> {:v1, old_state} end)
    result = :sys.change_code(pid, MyApp.Counter, "1", :extra)
    :ok = :sys.resume(pid)
    result
  end
end
