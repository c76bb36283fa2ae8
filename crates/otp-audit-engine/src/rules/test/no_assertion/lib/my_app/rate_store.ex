defmodule MyApp.RateStore do
  @moduledoc "Rates by currency, with a window query that refuses large windows."

  def fetch(currency) do
    case MyApp.Cache.get({:rate, currency}) do
      nil -> {:error, :unknown_currency}
      rate -> {:ok, rate}
    end
  end

  def window(currency, days) when days > 90, do: raise(ArgumentError, "window of #{days} days for #{currency} is too long")
  def window(currency, days), do: MyApp.Cache.range({:rate, currency}, days)
end
