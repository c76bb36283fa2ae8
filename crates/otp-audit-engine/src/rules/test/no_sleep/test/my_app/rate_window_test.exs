defmodule MyApp.RateWindowTest do
  use ExUnit.Case, async: true

  setup do
    {:ok, table: :ets.new(:rate_window_test, [:set, :public])}
  end

  test "allows again once the window the limiter named has passed", %{table: table} do
    assert {:allow, 1} = MyApp.Limiter.hit(table, "k", 100, 1)
    assert {:deny, retry_after} = MyApp.Limiter.hit(table, "k", 100, 1)
    Process.sleep(retry_after)
    assert {:allow, 1} = MyApp.Limiter.hit(table, "k", 100, 1)
  end

  test "a wait the test picked itself", %{table: table} do
    wait = 150
    assert {:allow, 1} = MyApp.Limiter.hit_async(table, "k", 100, 1)
    Process.sleep(wait) #~ test/no-sleep
    assert MyApp.Limiter.count(table, "k") == 1
  end
end
