defmodule Ledger.Reconciler do
  @moduledoc "Compares shard balances with the journal once a night."
  use GenServer

  alias Ledger.{Journal, ShardClient}

  defmodule Process do
    @moduledoc "One reconciliation run: what was checked and what differed."
    defstruct checked: 0, mismatches: []

    def put(%__MODULE__{} = run, _account_id, :ok), do: %{run | checked: run.checked + 1}

    def put(%__MODULE__{} = run, account_id, {:mismatch, diff}) do
      %{run | checked: run.checked + 1, mismatches: [{account_id, diff} | run.mismatches]}
    end
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, %{shard: Keyword.fetch!(opts, :shard), last: nil}}

  @impl true
  def handle_call(:run, _from, state) do
    run =
      Enum.reduce(Journal.accounts(), %Process{}, fn account_id, run ->
        Process.put(run, account_id, compare(state.shard, account_id))
      end)

    {:reply, run, %{state | last: run}}
  end

  defp compare(shard, account_id) do
    case {ShardClient.balance(shard, account_id), Journal.balance(account_id)} do
      {same, same} -> :ok
      {shard_balance, journal_balance} -> {:mismatch, shard_balance - journal_balance}
    end
  end
end
