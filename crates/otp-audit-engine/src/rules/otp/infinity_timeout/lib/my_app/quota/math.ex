defmodule MyApp.Quota.Math do
  @moduledoc "Arithmetic on usage counters: no process, no I/O."

  def summary(counts) do
    total = Enum.sum(Map.values(counts))
    %{total: total, top: top(counts, 3)}
  end

  def top(counts, n) do
    counts
    |> Enum.sort_by(fn {_key, count} -> count end, :desc)
    |> Enum.take(n)
  end
end
