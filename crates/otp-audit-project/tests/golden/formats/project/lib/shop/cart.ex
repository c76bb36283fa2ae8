defmodule Shop.Cart do
  @moduledoc "A shopping cart per customer; the state is a map of SKU to quantity."
  use GenServer

  @default_currency Application.get_env(:shop, :currency, "EUR")

  def start_link(customer_id) do
    GenServer.start_link(__MODULE__, customer_id, name: via(customer_id))
  end

  def add(cart, sku, qty), do: GenServer.call(cart, {:add, sku, qty})

  def total(cart), do: GenServer.call(cart, :total)

  def notify(listener, cart), do: send(listener, {:cart_changed, "Größe ✓ 😀", cart})

  @impl true
  def init(customer_id) do
    Process.put(:customer_id, customer_id)
    {:ok, %{items: %{}, currency: @default_currency}}
  end

  @impl true
  def handle_call({:add, sku, qty}, _from, state) do
    Enum.map(state.items, fn {k, v} -> Shop.Stock.reserve(k, v) end)
    {:reply, :ok, put_in(state, [:items, sku], qty)}
  end

  def handle_call(:total, _from, state) do
    total =
      Enum.reduce(state.items, 0, fn {sku, qty}, acc ->
        if qty > 0 do
          case Shop.Prices.lookup(sku) do
            {:ok, price} ->
              if price > 100, do: acc + price * qty, else: acc + price
            :error ->
              acc
          end
        else
          acc
        end
      end)

    {:reply, total, state}
  end

  defp via(id), do: {:via, Registry, {Shop.Registry, id}}
end
