defmodule Shop.QuoteCollector do
  @moduledoc "Collects one quote, hands it out once, then stops."
  use GenServer

  def start_link(sku), do: GenServer.start_link(__MODULE__, sku)

  @impl true
  def init(sku), do: {:ok, %{sku: sku, quote: nil}}

  @impl true
  def handle_info({:quote, q}, state), do: {:noreply, %{state | quote: q}}

  @impl true
  def handle_call(:take, _from, state), do: {:stop, :normal, state.quote, state}
end

defmodule Shop.QuoteTicker do
  @moduledoc "Pushes a quote every second, for as long as it runs."
  use GenServer

  def start_link(sku), do: GenServer.start_link(__MODULE__, sku)

  @impl true
  def init(sku) do
    :timer.send_interval(1_000, :tick)
    {:ok, sku}
  end

  @impl true
  def handle_info(:tick, sku) do
    Shop.Wire.push(sku)
    {:noreply, sku}
  end
end
