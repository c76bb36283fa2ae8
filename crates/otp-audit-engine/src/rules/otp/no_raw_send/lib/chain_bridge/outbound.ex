defmodule MyApp.ChainBridge.Outbound do
  use GenServer

  alias MyApp.ChainBridge.Poller

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def scan(from), do: from + 1

  @impl true
  def init(opts), do: {:ok, %{from: Keyword.get(opts, :from, 0), interval: 500}, {:continue, :start}}

  @impl true
  def handle_continue(:start, state), do: Poller.loop(__MODULE__, state)

  @impl true
  def handle_info(:continue, state), do: Poller.loop(__MODULE__, state)
end
