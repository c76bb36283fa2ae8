defmodule MyApp.Tally.Counters do
  @moduledoc "Per-owner counters in a named ETS table, created on first use."

  @table :my_app_tally

  def totals(owner) do
    ensure_table()

    @table
    |> :ets.match({{owner, :"$1"}, :"$2"})
    |> Map.new(fn [key, count] -> {key, count} end)
  end

  def reset(owner) do
    ensure_table()
    :ets.match_delete(@table, {{owner, :_}, :_})
    :ok
  end

  def sample_rate do
    :my_app
    |> Application.get_env(__MODULE__, [])
    |> Keyword.get(:sample_rate, 1.0)
  end

  defp ensure_table do
    case :ets.whereis(@table) do
      :undefined ->
        try do
          :ets.new(@table, [:set, :public, :named_table])
        rescue
          # Another process created it first.
          ArgumentError -> :ok
        end

      _table ->
        :ok
    end
  end
end
