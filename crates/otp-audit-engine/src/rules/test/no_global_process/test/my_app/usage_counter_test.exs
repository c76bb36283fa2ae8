defmodule MyApp.UsageCounterTest do
  use ExUnit.Case, async: false

  # MyApp.UsageCounter is the application's own singleton; MyApp.Quota casts every
  # refused request to it by its module name, so there is no private instance to use.

  test "a refused request is counted" do
    :sys.replace_state(MyApp.UsageCounter, fn _ -> %{} end)

    assert {:error, :over_quota} = MyApp.Quota.check(:tenant_a, 1_000_000)

    state = :sys.get_state(MyApp.UsageCounter)
    refused = Map.get(state, {:refused, :tenant_a}, 0)
    assert refused == 1
  end

  test "a reset that nothing checks afterwards leaves whatever the run put there" do
    :sys.replace_state(MyApp.UsageCounter, fn _ -> %{} end) #~ test/no-global-process

    assert {:error, :over_quota} = MyApp.Quota.check(:tenant_b, 1_000_000)
  end

  test "a rewrite built from the old state is no reset" do
    :sys.replace_state(MyApp.UsageCounter, fn old -> Map.put(old, :paused, true) end) #~ test/no-global-process

    assert {:error, :over_quota} = MyApp.Quota.check(:tenant_c, 1_000_000)
    assert :sys.get_state(MyApp.UsageCounter).paused #~ test/no-global-process
  end
end
