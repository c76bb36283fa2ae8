defmodule MyApp.Importer do
  @moduledoc "Imports order lines; bad lines become warnings, never an error."

  def import(text) do
    {items, warnings} =
      text
      |> String.split("\n", trim: true)
      |> Enum.reduce({[], []}, fn line, {ok, warnings} ->
        case parse(line) do
          {:ok, item} -> {[item | ok], warnings}
          {:error, message} -> {ok, [message | warnings]}
        end
      end)

    {Enum.reverse(items), %{warnings: Enum.reverse(warnings)}}
  end

  defp parse(line) do
    case String.split(line, ",") do
      [sku, qty] -> {:ok, %{sku: sku, qty: String.to_integer(qty)}}
      _ -> {:error, "bad line: #{line}"}
    end
  end
end
