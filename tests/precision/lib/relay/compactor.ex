defmodule Relay.Compactor do
  @moduledoc "Compacts the delivery log every hour; a shutdown waits for the running pass."
  use GenServer
  require Logger

  @spec start_link(keyword) :: GenServer.on_start()
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # Nothing is linked: trapping only lets a shutdown wait for the running pass,
  # which the rule reports as info so that the choice is written down.
  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    every = Keyword.get(opts, :every, :timer.hours(1))
    Process.send_after(self(), :compact, every)
    {:ok, %{every: every}}
  end

  @impl true
  def handle_info(:compact, state) do
    Relay.DeliveryLog.compact(keep_days: 7)
    Process.send_after(self(), :compact, state.every)
    {:noreply, state}
  end

  def handle_info(message, state) do
    Logger.warning("Relay.Compactor got an unexpected message: #{inspect(message)}")
    {:noreply, state}
  end
end
