defmodule Shop.Heartbeat do
  @moduledoc "Pings the payment gateway every few seconds."
  use GenServer

  def start_link(interval), do: GenServer.start_link(__MODULE__, interval, name: __MODULE__)

  @impl true
  def handle_info(:beat, interval) do
    Shop.Gateway.ping()
    Process.send_after(self(), :beat, interval)
    {:noreply, interval}
  end
end
