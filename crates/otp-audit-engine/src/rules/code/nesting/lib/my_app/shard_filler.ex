defmodule MyApp.ShardFiller do
  @moduledoc "One level over, with a short if/else as the innermost level."

  def fill(shards, covered, state) do
    Enum.reduce(shards, state, fn shard, acc ->
      case Map.fetch(acc, shard) do
        {:ok, _} ->
          acc

        :error ->
          if MapSet.member?(covered, shard) do #~ code/nesting
            acc
          else
            Map.put(acc, shard, :pending)
          end
      end
    end)
  end

  def diff(columns, old, new) do
    Enum.reduce(columns, MapSet.new(), fn col, changed ->
      case Map.fetch(old, col) do
        :error ->
          changed

        {:ok, value} ->
          if value == Map.get(new, col), #~ code/nesting
            do: changed,
            else: MapSet.put(changed, col)
      end
    end)
  end

  # Branches that do more than one thing each keep the warning.
  def settle(shards, covered, state) do
    Enum.reduce(shards, state, fn shard, acc ->
      case Map.fetch(acc, shard) do
        {:ok, _} ->
          acc

        :error ->
          if MapSet.member?(covered, shard) do #~ code/nesting
            acc
          else
            :telemetry.execute([:my_app, :shard, :filled], %{count: 1}, %{shard: shard})
            Map.put(acc, shard, :pending)
          end
      end
    end)
  end
end
