defmodule MyApp.SpanMerger do
  @moduledoc "Merges nested source spans into one list, widest first."

  def merge(span_lists) do
    merged = span_lists |> Enum.concat() |> Enum.sort_by(&width/1, :desc)

    # An invariant of the merge itself: only a bug in this module reaches the raise.
    if not widest_first?(merged) do
      raise "merged spans are not widest first"
    end

    merged
  end

  defp width({from, to}), do: to - from

  defp widest_first?(spans) do
    spans |> Enum.map(&width/1) |> Enum.chunk_every(2, 1, :discard) |> Enum.all?(fn [a, b] -> a >= b end)
  end
end
