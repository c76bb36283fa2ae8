# fixture: needs the project (Shop.QuoteCollector, in quote_collector.ex, stops itself)
defmodule Shop.QuoteRequest do
  @moduledoc """
  A per-request collector linked to the caller and handed back inside the request
  struct; the collector stops itself once the caller has read the answer.
  """
  defstruct [:conn, :collector, :ticker]

  def open(conn, sku) do
    {:ok, collector} = Shop.QuoteCollector.start_link(sku)
    Shop.Wire.ask(conn, sku, collector)
    %__MODULE__{conn: conn, collector: collector}
  end

  def open_piped(conn, sku) do
    {:ok, collector} = Shop.QuoteCollector.start_link(sku)

    %__MODULE__{conn: conn}
    |> Map.put(:collector, collector)
  end

  # The ticker never stops by itself: reported.
  def open_ticker(conn, sku) do
    {:ok, ticker} = Shop.QuoteTicker.start_link(sku) #~ otp/unsupervised-start
    %__MODULE__{conn: conn, ticker: ticker}
  end
end
