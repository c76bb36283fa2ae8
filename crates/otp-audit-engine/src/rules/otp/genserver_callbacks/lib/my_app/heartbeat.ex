defmodule MyApp.Heartbeat do #~ otp/genserver-callbacks
  @moduledoc "Pings the upstream every few seconds; the state is the interval."
  use GenServer, restart: :transient

  def start_link(interval), do: GenServer.start_link(__MODULE__, interval, name: __MODULE__)

  @impl true
  def handle_continue(:schedule, interval) do
    Process.send_after(self(), :beat, interval)
    {:noreply, interval}
  end

  @impl true
  def handle_info(:beat, interval) do
    MyApp.Upstream.ping()
    {:noreply, interval, {:continue, :schedule}}
  end
end
