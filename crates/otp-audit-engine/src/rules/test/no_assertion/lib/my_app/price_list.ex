defmodule MyApp.PriceList do
  @moduledoc "Loads a price list; a bad row is reported as a warning."

  def load(rows) do
    {prices, warnings} = Enum.split_with(Enum.map(rows, &row/1), &match?({:ok, _}, &1))
    {Enum.map(prices, &elem(&1, 1)), %{warnings: Enum.map(warnings, &elem(&1, 1))}}
  end

  defp row(%{sku: sku, cents: c}) when is_integer(c), do: {:ok, {sku, c}}
  defp row(other), do: {:error, "bad row #{inspect(other)}"}
end
