defmodule MyApp.CounterRaceTest do
  use ExUnit.Case, async: true

  test "concurrent increments under the lock all land" do
    table = :ets.new(:counters, [:public])
    {:ok, lock} = start_supervised(MyApp.KeyLock)
    hammer(table, lock)
    assert_eventually(fn -> :ets.lookup(table, 0) == [{0, 4}] end)
  end

  # Three callbacks handed on, then a two-branch case that fits on two lines: the
  # reader holds no condition on the way down.
  defp hammer(table, lock) do
    Enum.each(1..12, fn n ->
      key = rem(n, 3)

      spawn(fn ->
        MyApp.KeyLock.exec(lock, key, fn ->
          total =
            case :ets.lookup(table, key) do #~ code/nesting
              [{_, old}] -> old + 1
              [] -> 1
            end

          :ets.insert(table, {key, total})
        end)
      end)
    end)
  end

  # Near misses: a callback chain that branches on the way down, and one that ends
  # in a case with a clause of several lines, stay warnings.
  defp hammer_some(table, lock, only) do
    Enum.each(1..12, fn n ->
      if n in only do
        spawn(fn ->
          MyApp.KeyLock.exec(lock, n, fn ->
            case :ets.lookup(table, n) do #~ code/nesting
              [{_, old}] -> :ets.insert(table, {n, old + 1})
              [] -> :ets.insert(table, {n, 1})
            end
          end)
        end)
      end
    end)
  end

  defp hammer_logged(table, lock) do
    Enum.each(1..12, fn n ->
      spawn(fn ->
        MyApp.KeyLock.exec(lock, n, fn ->
          case :ets.lookup(table, n) do #~ code/nesting
            [{_, old}] ->
              IO.puts("bump #{n}")
              :ets.insert(table, {n, old + 1})

            [] ->
              :ets.insert(table, {n, 1})
          end
        end)
      end)
    end)
  end

  defp assert_eventually(check), do: assert(Enum.any?(1..50, fn _ -> check.() || (Process.sleep(10) && false) end))
end
