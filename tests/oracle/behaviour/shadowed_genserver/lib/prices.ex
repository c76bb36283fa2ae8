defmodule Oracle.Prices do
  @moduledoc "Prices; the facade is required under the name GenServer."

  use Agent

  require Oracle.Srv, as: GenServer

  def start_link(prices), do: Agent.start_link(fn -> prices end)

  def price(prices, sku), do: GenServer.call(prices, {:get, &Map.fetch!(&1, sku)})
end
