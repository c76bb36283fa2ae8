defmodule MyApp.QueueStats.Counters do
  @moduledoc "Per-queue counters in a public ETS table."

  @table :queue_stats_counters

  def all(prefix) do
    prefix = to_charlist(prefix)
    :ets.select(@table, [{{prefix ++ :"$1", :"$2"}, [], [{{prefix ++ :"$1", :"$2"}}]}])
  end

  def bump(queue), do: :ets.update_counter(@table, queue, 1, {queue, 0})
end
