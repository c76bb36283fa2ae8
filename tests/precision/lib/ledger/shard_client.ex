defmodule Ledger.ShardClient do
  @moduledoc "Reads and posts ledger entries on the shard that owns the account."
  require Ledger.Rpc, as: GenServer

  @post_timeout 2_000

  def balance(shard, account_id), do: GenServer.call(shard, {:balance, account_id})

  def post(shard, entry) do
    Elixir.GenServer.call(shard, {:post, entry}) #~ otp/call-timeout
  end

  def post_with_budget(shard, entry) do
    Elixir.GenServer.call(shard, {:post, entry}, @post_timeout)
  end
end
