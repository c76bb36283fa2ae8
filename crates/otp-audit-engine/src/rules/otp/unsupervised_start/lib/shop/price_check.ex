defmodule Shop.PriceCheck do
  @moduledoc "Checks a basket against a cache that lives exactly as long as the check."

  def run(basket) do
    {:ok, cache} = Agent.start_link(fn -> %{} end)

    try do
      Enum.map(basket, &price(cache, &1))
    after
      Agent.stop(cache)
    end
  end

  def warm(basket) do
    {:ok, cache} = Agent.start_link(fn -> %{} end) #~ otp/unsupervised-start
    Enum.each(basket, &price(cache, &1))
    cache
  end

  defp price(cache, sku) do
    Agent.get_and_update(cache, fn prices ->
      price = Map.get_lazy(prices, sku, fn -> Shop.Catalog.price(sku) end)
      {price, Map.put(prices, sku, price)}
    end)
  end
end

defmodule Shop.PriceCheck.Run do
  @moduledoc "A run keeps its event manager in a config map and stops it through there."

  def run(basket) do
    {:ok, events} = Shop.PriceCheck.Events.start_link()
    config = %{events: events, basket: basket}
    Enum.each(basket, &Shop.PriceCheck.Events.notify(config.events, {:checked, &1}))
    Shop.PriceCheck.Events.stop(config.events)
  end
end
