defmodule MyApp.Inventory do
  def reserve!(stock, sku, qty) do
    case Map.fetch(stock, sku) do
      {:ok, have} when have >= qty -> Map.put(stock, sku, have - qty)
      _ -> raise ArgumentError, "not enough #{sku} in stock"
    end
  end
end
