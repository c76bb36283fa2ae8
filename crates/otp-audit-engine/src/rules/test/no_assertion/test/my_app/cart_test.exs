defmodule MyApp.CartTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  alias MyApp.Cart

  test "adds an item" do
    {:ok, cart} = Cart.add(Cart.new(), %{sku: "A1", price: 3})
    assert cart.total == 3
  end

  test "checkout of a full cart" do #~ test/no-assertion
    {:ok, cart} = Cart.add(Cart.new(), %{sku: "A1", price: 3})
    Cart.checkout(cart)
  end

  test "totals add up" do
    cart = build_cart([2, 5])
    assert_total(cart, 7)
  end

  describe "pricing" do
    test "free items are allowed?" do #~ test/no-assertion
      Cart.add(Cart.new(), %{sku: "FREE", price: 0})
    end

    test "discounts"
  end

  defp build_cart(prices) do
    Enum.reduce(prices, Cart.new(), fn p, cart ->
      {:ok, cart} = Cart.add(cart, %{sku: "X", price: p})
      cart
    end)
  end

  defp assert_total(cart, expected), do: assert(cart.total == expected)
end
