defmodule Billing.LedgerPool do
  @moduledoc """
  A pool process that records which adapter it runs, so that callers holding only
  its pid can ask without queueing behind checkouts.
  """
  use GenServer

  @adapter_key {__MODULE__, :adapter}

  def start_link(adapter), do: GenServer.start_link(__MODULE__, adapter)

  @doc "The adapter a running pool uses, read without messaging it."
  def adapter(pool) when is_pid(pool) do
    with {:dictionary, entries} <- Process.info(pool, :dictionary),
         {@adapter_key, adapter} <- List.keyfind(entries, @adapter_key, 0) do
      {:ok, adapter}
    else
      _ -> :error
    end
  end

  @impl true
  def init(adapter) do
    # Already namespaced: the message has nothing to add about the key.
    Process.put(@adapter_key, adapter) #~ otp/no-process-dictionary
    {:ok, %{adapter: adapter, checked_out: %{}}}
  end

  @impl true
  def handle_call({:checkout, owner}, _from, state) do
    {:reply, :ok, put_in(state.checked_out[owner], System.monotonic_time())}
  end
end
