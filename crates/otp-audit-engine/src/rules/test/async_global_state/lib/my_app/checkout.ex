defmodule MyApp.Checkout do
  @moduledoc "Emits the events the checkout tests attach to."

  def pay(order) do
    :telemetry.span([:my_app, :checkout], %{order_id: order.id}, fn -> {:ok, %{}} end)
  end

  def refund(order) do
    :telemetry.execute([:my_app, :checkout, :refund], %{amount: 1}, %{order_id: order.id})
  end
end
