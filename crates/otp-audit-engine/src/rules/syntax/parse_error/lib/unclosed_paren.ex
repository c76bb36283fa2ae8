defmodule MyApp.Inventory do
  def count(items) do
    length(items)
  end

  def reserve(sku, qty do #~ syntax/parse-error
    {:ok, sku, qty}
  end
end
