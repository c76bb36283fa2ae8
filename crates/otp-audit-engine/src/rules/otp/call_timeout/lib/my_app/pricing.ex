defmodule MyApp.Pricing do
  @moduledoc """
  Every call here states its timeout. Calls through a configured backend module
  are not GenServer calls as far as the analyser knows.
  """

  @call_timeout 5_000

  def price(server, sku), do: GenServer.call(server, {:price, sku}, @call_timeout)

  def bulk_price(server, skus, timeout \\ :timer.seconds(10)) do
    GenServer.call(server, {:bulk_price, skus}, timeout)
  end

  def via_backend(sku) do
    backend = Application.fetch_env!(:my_app, :pricing_backend)
    backend.call(sku, :quote)
  end

  def cast_refresh(server), do: GenServer.cast(server, :refresh)

  defp call(rate, amount), do: rate * amount

  def convert(amount, rate), do: call(rate, amount)
end
