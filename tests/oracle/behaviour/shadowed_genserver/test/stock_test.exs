defmodule Oracle.StockTest do
  use ExUnit.Case, async: true

  test "reads a stock level through the facade" do
    {:ok, stock} = Oracle.Stock.start_link(%{"sku-1" => 3})
    assert Oracle.Stock.level(stock, "sku-1") == 3
    assert Oracle.Stock.level(stock, "sku-2") == 0
  end

  test "reads a price through the required facade" do
    {:ok, prices} = Oracle.Prices.start_link(%{"sku-1" => 1_250})
    assert Oracle.Prices.price(prices, "sku-1") == 1_250
  end
end
