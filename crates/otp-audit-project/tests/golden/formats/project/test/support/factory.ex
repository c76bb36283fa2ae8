defmodule Shop.Factory do
  @moduledoc "Builds test data."
  def order(attrs \\ %{}), do: Map.merge(%{id: 1, items: []}, attrs)
end
