defmodule MyApp.OrderProcessor do
  @moduledoc "Validates and ships incoming orders."

  require Logger

  alias MyApp.{Inventory, Orders, Shipping}

  def process(order) do
    if order.paid? do
      case Inventory.reserve(order.items) do
        {:ok, reservation} ->
          if reservation.partial? do #~ code/nesting
            Logger.warning("partial reservation for #{order.id}")
          end

          Shipping.schedule(order, reservation)

        {:error, reason} ->
          {:error, reason}
      end
    else
      {:error, :unpaid}
    end
  end

  # The deepest op is reported once, even when several reach that depth: the later wins.
  def summarize(orders) do
    Enum.map(orders, fn order ->
      cond do
        order.total > 1_000 ->
          if order.vip?, do: :priority, else: :review

        order.total > 0 ->
          unless order.flagged?, do: :standard, else: :review #~ code/nesting

        true ->
          :empty
      end
    end)
  end

  def restock(warehouse, skus) do
    for sku <- skus do
      with {:ok, level} <- Inventory.level(warehouse, sku),
           true <- level < 10 do
        for _ <- 1..(10 - level), do: Inventory.order_one(warehouse, sku) #~ code/nesting
      end
    end
  end

  # Nesting ops in a condition count too.
  def eligible?(order) do
    if Enum.any?(order.items, fn item -> case item.kind do #~ code/nesting
           :gift -> true
           _ -> false
         end end) do
      :gift_order
    end
  end

  # The `do:` form of the def body.
  defp next_leg(order), do: if(order.express, do: Enum.find(order.legs, fn leg -> unless leg.done?, do: leg end)) #~ code/nesting

  defmacro with_retry(attempts, do: block) do
    if attempts > 0 do
      case block do
        {:__block__, _, exprs} ->
          for expr <- exprs, do: expr #~ code/nesting

        expr ->
          expr
      end
    end
  end

  def notify(orders, subscribers) do
    Enum.each(subscribers, fn subscriber ->
      for order <- orders do
        if order.id in subscriber.watching do
          case subscriber.channel do #~ code/nesting
            :email -> Orders.email(subscriber, order)
            :sms -> Orders.sms(subscriber, order)
          end
        end
      end
    end)
  end

  def ship_all(orders), do: Enum.each(orders, &next_leg/1)
end
