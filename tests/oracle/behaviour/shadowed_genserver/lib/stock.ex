defmodule Oracle.Stock do
  @moduledoc "Stock levels; calls go through Oracle.Srv under the name GenServer."
  use Agent

  alias Oracle.Srv, as: GenServer

  def start_link(levels), do: Agent.start_link(fn -> levels end)

  def level(stock, sku), do: GenServer.call(stock, {:get, &Map.get(&1, sku, 0)})
end
