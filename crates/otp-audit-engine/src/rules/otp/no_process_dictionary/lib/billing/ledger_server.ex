defmodule Billing.LedgerServer do
  use GenServer

  alias Billing.TraceContext

  def init(ledger), do: {:ok, ledger}

  def handle_call({:post, entry}, _from, ledger) do
    TraceContext.start_from(entry)

    try do
      {:reply, :ok, [entry | ledger]}
    after
      TraceContext.clear()
    end
  end

  def handle_cast({:import, entries}, ledger) do
    Billing.TenantContext.assign(hd(entries).tenant)
    {:noreply, entries ++ ledger}
  end
end
