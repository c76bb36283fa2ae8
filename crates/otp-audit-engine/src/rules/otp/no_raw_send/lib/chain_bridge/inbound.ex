defmodule MyApp.ChainBridge.Inbound do
  use GenServer

  alias MyApp.ChainBridge.Poller

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def scan(from), do: from + 10

  def refresh, do: Poller.nudge(__MODULE__)

  @impl true
  def init(opts) do
    send(self(), :continue)
    {:ok, %{from: Keyword.get(opts, :from, 0), interval: 1_000}}
  end

  @impl true
  def handle_info(:continue, state), do: Poller.loop(__MODULE__, state)

  def handle_info(:refresh, state), do: {:noreply, Poller.poke(__MODULE__, state)}
end
