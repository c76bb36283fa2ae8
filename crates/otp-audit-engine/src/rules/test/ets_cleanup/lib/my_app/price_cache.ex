defmodule MyApp.PriceCache do
  @moduledoc "Library code: the app owns this named table; test/ets-cleanup only looks at tests."

  def create, do: :ets.new(:prices, [:named_table, :public, read_concurrency: true])

  def put(sku, price), do: :ets.insert(:prices, {sku, price})

  def get(sku) do
    case :ets.lookup(:prices, sku) do
      [{^sku, price}] -> price
      [] -> nil
    end
  end
end
