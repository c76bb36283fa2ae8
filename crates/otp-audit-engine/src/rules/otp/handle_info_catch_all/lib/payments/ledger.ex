defmodule Payments.Ledger do
  @moduledoc "Keeps running totals; applications start it, this project's tests do too."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def total, do: GenServer.call(__MODULE__, :total, 5_000)

  @impl true
  def init(_opts) do
    :timer.send_interval(60_000, :snapshot)
    {:ok, %{total: 0, snapshots: []}}
  end

  @impl true
  def handle_call(:total, _from, state), do: {:reply, state.total, state}

  @impl true
  def handle_info(:snapshot, state) do #~ otp/handle-info-catch-all
    {:noreply, %{state | snapshots: [state.total | state.snapshots]}}
  end
end
