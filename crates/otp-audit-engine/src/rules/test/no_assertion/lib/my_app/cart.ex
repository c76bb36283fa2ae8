defmodule MyApp.Cart do
  @moduledoc "A shopping cart kept as a plain map."

  def new, do: %{items: [], total: 0}

  def add(cart, %{price: price} = item) when price > 0 do
    {:ok, %{cart | items: [item | cart.items], total: cart.total + price}}
  end

  def add(_cart, _item), do: {:error, :invalid_price}

  def checkout(%{items: []}), do: {:error, :empty}
  def checkout(cart), do: {:ok, cart.total}
end
