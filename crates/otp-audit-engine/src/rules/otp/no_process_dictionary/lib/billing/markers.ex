defmodule Billing.LedgerProcess do
  @moduledoc "A ledger server, marked so that an operator's listing of processes finds it."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    ledger = Keyword.fetch!(opts, :ledger)
    Process.put(:__billing_ledger__, ledger)
    {:ok, %{ledger: ledger, entries: []}}
  end

  @impl true
  def handle_call(:entries, _from, state), do: {:reply, state.entries, state}
end

defmodule Billing.LedgerListing do
  @moduledoc "Finds the ledger processes of this node by their marker."

  def ledgers do
    for pid <- Process.list(),
        {:dictionary, dictionary} <- [Process.info(pid, :dictionary)],
        {:__billing_ledger__, ledger} <- dictionary,
        do: {ledger, pid}
  end
end

defmodule Billing.Importer do
  @moduledoc "Tags itself from a helper that only init calls."
  use GenServer

  @impl true
  def init(source) do
    mark()
    {:ok, %{source: source}}
  end

  @impl true
  def handle_cast({:import, rows}, state) do
    Process.put(:billing_last_import, length(rows)) #~ otp/no-process-dictionary
    {:noreply, state}
  end

  defp mark, do: Process.put(:__billing_importer__, true)
end

defmodule Billing.Cursor do
  @moduledoc "A key written in init and read back later is state, not a marker."
  use GenServer

  @impl true
  def init(start) do
    Process.put(:billing_cursor, start) #~ otp/no-process-dictionary
    {:ok, start}
  end

  @impl true
  def handle_call(:next, _from, state) do
    cursor = Process.get(:billing_cursor)
    {:reply, cursor, state}
  end
end

defmodule Billing.AuditTrail do
  @moduledoc "Written once at setup, but another file reads it: hidden input, not a marker."

  def setup_audit(audit_id) do
    Process.put(:billing_audit_id, audit_id) #~ otp/no-process-dictionary
    :ok
  end
end

defmodule Billing.MetricsTable do
  @moduledoc "Set up once, but read back by the code its macro writes: not a marker."

  def setup_metrics(table) do
    Process.put(:billing_metrics_table, table) #~ otp/no-process-dictionary
    :ok
  end

  defmacro bump(counter), do: bump_ast(counter)

  defp bump_ast(counter) do
    quote do
      if table = Process.get(:billing_metrics_table) do
        :ets.update_counter(table, unquote(counter), 1, {unquote(counter), 0})
      end
    end
  end
end

defmodule Billing.Session do
  @moduledoc "Data written at start that nothing reads or looks for: parked state, not a tag."
  use GenServer

  @impl true
  def init(user) do
    Process.put(:billing_session_user, user) #~ otp/no-process-dictionary
    {:ok, %{user: user}}
  end

  @impl true
  def handle_call(:user, _from, state), do: {:reply, state.user, state}
end

defmodule Billing.OnceAgents do
  @moduledoc "One agent per identifier, found in this process or an ancestor's published dictionary."

  def ensure(identifier) do
    case find_up_tree({:billing_once, identifier}) do
      nil ->
        {:ok, pid} = Agent.start_link(fn -> :none end)
        Process.put({:billing_once, identifier}, pid) #~ otp/no-process-dictionary
        pid

      pid ->
        pid
    end
  end

  defp find_up_tree(key) do
    Enum.find_value([self() | Process.get(:"$ancestors", [])], fn pid ->
      {:dictionary, entries} = Process.info(pid, :dictionary)
      Enum.find_value(entries, fn {found, value} -> if found == key, do: value end)
    end)
  end
end
