defmodule MyApp.OrdersTest do
  use ExUnit.Case, async: true

  import MyApp.OrderHelpers

  alias MyApp.Orders

  test "a failed payment is an error" do
    {:error, :payment_declined} = Orders.pay(build_order(), card: "4000000000000002")
  end

  test "confirmation flags the order" do
    %{confirmed: true} = Orders.confirm(build_order())
  end

  test "a full order splits in two shipments" do
    [_first, _second] = Orders.split(build_order(%{lines: [1, 2, 3, 4]}))
  end

  test "paying twice is refused" do
    {:ok, order} = Orders.pay(build_order(), card: "4242424242424242")
    {:error, {:already_paid, ^order}} = Orders.pay(order, card: "4242424242424242")
  end

  test "the last step returns the placed order" do
    order = build_order()
    {:ok, _placed} = Orders.place(order)
  end

  test "shipping eventually completes" do
    {:ok, order} = Orders.place(build_order())
    Orders.ship_async(order)
    eventually(fn -> Orders.status(order.id) == :shipped end, timeout: 1_000)
  end

  test "a shipped order is shipped" do
    {:ok, order} = Orders.place(build_order())
    order |> Orders.ship() |> assert_shipped()
  end

  test "shipping through the remote helper" do
    {:ok, order} = Orders.place(build_order())
    MyApp.OrderHelpers.shipped!(Orders.ship(order))
  end

  test "a local helper that asserts through another one" do
    check_total(Orders.total(build_order(%{lines: [3, 4]})), 7)
  end

  test "placing an order" do #~ test/no-assertion
    {:ok, order} = Orders.place(build_order())
    Orders.ship(order)
  end

  test "building only" do #~ test/no-assertion
    order = build_order(%{status: :paid})
    Orders.archive(order)
  end

  test "a match in an awaited task fails the test too" do
    task = Task.async(fn -> {:ok, _} = Orders.place(build_order()) end)
    Task.await(task)
  end

  test "a case without a catch-all checks the result" do
    case Orders.cancel(build_order()) do
      {:error, :not_paid} -> :ok
      {:ok, %{status: :cancelled}} -> :ok
    end
  end

  test "a case with a catch-all checks nothing" do #~ test/no-assertion
    case Orders.cancel(build_order()) do
      {:ok, order} -> order
      other -> other
    end
  end

  test "binding the result checks nothing" do #~ test/no-assertion
    order = Orders.place(build_order())
  end

  defp check_total(total, expected), do: same!(total, expected)
  defp same!(a, a), do: :ok
  defp same!(a, b), do: raise("expected #{b}, got #{a}")
end
