defmodule Billing.Ledger do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def balance(account), do: GenServer.call(__MODULE__, {:balance, account})

  def post(account, amount), do: GenServer.call(__MODULE__, {:post, account, amount})

  def notify(listener, event), do: send(listener, {:ledger, event})

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_call({:balance, account}, _from, state) do
    {:reply, Map.get(state, account, 0), state}
  end

  def handle_call({:post, account, amount}, {pid, _tag}, state) do
    send(pid, {:posted, account})
    {:noreply, Map.update(state, account, amount, &(&1 + amount))}
  end
end
