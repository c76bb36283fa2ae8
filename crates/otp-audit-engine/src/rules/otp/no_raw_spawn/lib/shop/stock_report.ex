defmodule Shop.StockReport do
  @moduledoc "Builds the nightly stock report from a command-line task."

  def build(skus) do
    parent = self()

    spawn_link(fn -> #~ otp/no-raw-spawn
      send(parent, {:counted, Enum.map(skus, &Shop.Warehouse.count/1)})
    end)

    receive do
      {:counted, counts} -> Enum.zip(skus, counts)
    end
  end
end
