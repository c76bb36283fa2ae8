defmodule Shop.PriceRelay do
  @moduledoc """
  Relays supplier price updates to the catalog. Owns one feed connection at a
  time; when the feed reports itself stale, the relay stops it and opens a
  fresh one.
  """
  use GenServer

  require Logger

  alias Shop.PriceRelay.Feed

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    url = Keyword.fetch!(opts, :url)
    {:ok, feed} = Feed.start_link(url)
    {:ok, %{url: url, feed: feed}}
  end

  @impl true
  def handle_info({:stale, feed}, %{feed: feed} = state) do
    :ok = Feed.stop(feed)

    with {:ok, fresh} <- Feed.start_link(state.url),
         :ok <- Feed.subscribe(fresh, :prices) do
      {:noreply, %{state | feed: fresh}}
    end
  end

  def handle_info(message, state) do
    Logger.debug("price relay ignored #{inspect(message)}")
    {:noreply, state}
  end

  # A one-off probe: the feed it opens is never kept, so nothing stops it.
  def probe(url) do
    with {:ok, _feed} <- Feed.start_link(url) do #~ otp/unsupervised-start
      :reachable
    end
  end
end
