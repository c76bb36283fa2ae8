defmodule MyApp.PriceStage do
  @moduledoc "A GenStage consumer that links to nothing and ends with a catch-all handle_info."
  use GenStage

  def start_link(opts), do: GenStage.start_link(__MODULE__, opts)

  # Nothing is linked: trapping only lets a shutdown wait for the batch in hand.
  def init(opts) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    {:consumer, %{stored: 0}, subscribe_to: Keyword.fetch!(opts, :producers)}
  end

  def handle_events(prices, _from, state) do
    Enum.each(prices, &MyApp.Prices.store/1)
    {:noreply, [], %{state | stored: state.stored + length(prices)}}
  end

  def handle_info(_msg, state), do: {:noreply, [], state}
end

defmodule MyApp.QuoteFeed do
  @moduledoc "A producer that links to nothing and has no handle_info at all."
  use GenStage

  def init(symbols) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    {:producer, %{symbols: symbols, demand: 0}}
  end

  def handle_demand(demand, state) do
    quotes = Enum.map(Enum.take(state.symbols, demand), &MyApp.Quotes.latest/1)
    {:noreply, quotes, state}
  end
end

defmodule MyApp.ScraperStage do
  @moduledoc "Links a worker per page; its crash reaches only the catch-all."
  use GenStage

  def init(opts) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    {:consumer, %{workers: %{}}, subscribe_to: opts[:producers]}
  end

  def handle_events(urls, _from, state) do
    workers = Map.new(urls, fn url -> {spawn_link(fn -> MyApp.Pages.fetch(url) end), url} end)
    {:noreply, [], %{state | workers: Map.merge(state.workers, workers)}}
  end

  def handle_info(_msg, state), do: {:noreply, [], state}
end

defmodule MyApp.ShipmentWorkers do
  @moduledoc "A ConsumerSupervisor already traps exits and acts on each of them."
  use ConsumerSupervisor

  def init(producer) do
    Process.flag(:trap_exit, true)
    children = [%{id: MyApp.Shipment, start: {MyApp.Shipment, :start_link, []}, restart: :transient}]
    ConsumerSupervisor.init(children, strategy: :one_for_one, subscribe_to: [{producer, max_demand: 10}])
  end
end
