defmodule Shop.CartTest do
  use ExUnit.Case, async: true

  setup do
    {:ok, cart} = Shop.Cart.start_link("c-1")
    %{cart: cart}
  end

  test "adding an item updates the total", %{cart: cart} do
    Shop.Cart.add(cart, "sku-1", 2)
    Process.sleep(50)
    assert :sys.get_state(cart).items == %{"sku-1" => 2}
  end

  # otp-audit:disable-for-next-line otp/no-raw-send
  test "the cart starts empty", %{cart: cart} do
    Shop.Cart.total(cart)
  end
end
