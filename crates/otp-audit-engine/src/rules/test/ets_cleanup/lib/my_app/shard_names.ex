defmodule MyApp.ShardNames do
  @moduledoc "Names of the tables a shard owns, derived from the shard's name."

  def shard(cluster, index), do: :"#{cluster}_shard_#{index}"

  def index_table(shard), do: :"#{shard}_index"

  def stats_table(shard) do
    prefix = "stats"
    :"#{prefix}_#{shard}"
  end

  # Ignores the shard: every caller gets the same name.
  def audit_table(_shard), do: :shard_audit
end
