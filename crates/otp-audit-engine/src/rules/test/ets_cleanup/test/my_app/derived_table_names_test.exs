defmodule MyApp.DerivedTableNamesTest do
  use ExUnit.Case, async: true

  alias MyApp.ShardNames

  # The code under test finds each table by a name derived from the shard's name;
  # the cluster name is fresh for every test, so every derived name is too.
  setup do
    cluster = :"cluster_#{System.unique_integer([:positive])}"
    shard = ShardNames.shard(cluster, 0)
    index = ShardNames.index_table(shard)
    ^index = :ets.new(index, [:ordered_set, :public, :named_table])
    :ets.new(ShardNames.stats_table(shard), [:set, :public, :named_table])
    :ets.new(local_table(cluster), [:set, :public, :named_table])
    %{shard: shard}
  end

  defp local_table(cluster), do: :"#{cluster}_local"

  test "a function that ignores its argument gives a fixed name" do
    cluster = :"cluster_#{System.unique_integer([:positive])}"
    :ets.new(ShardNames.audit_table(cluster), [:set, :named_table]) #~ test/ets-cleanup
    assert :ets.info(:shard_audit, :size) == 0
  end

  test "a derived name from a fixed value can clash" do
    shard = ShardNames.shard(:main, 0)
    :ets.new(ShardNames.index_table(shard), [:set, :named_table]) #~ test/ets-cleanup
    assert :ets.info(:main_shard_0_index, :size) == 0
  end
end
