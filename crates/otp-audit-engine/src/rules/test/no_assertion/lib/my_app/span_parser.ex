defmodule MyApp.SpanParser do
  @moduledoc "Parses `from..to` spans."

  # Near miss: a raise on the caller's input is an error path a test can reach.
  def parse!(text) do
    case String.split(text, "..") do
      [from, to] -> {String.to_integer(from), String.to_integer(to)}
      _ -> raise ArgumentError, "not a span: #{text}"
    end
  end
end

defmodule MyApp.SpanCheck do
  @moduledoc "Checks spans handed in by callers."

  # Near miss: the predicate checks the caller's argument, an error path a test can reach.
  def check!(spans) do
    if not valid_spans?(spans) do
      raise "spans overlap"
    end

    spans
  end

  defp valid_spans?(spans), do: Enum.all?(spans, fn {from, to} -> from <= to end)
end
