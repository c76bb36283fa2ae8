defmodule MyApp.BanList do
  @moduledoc "A ban list over a public ETS table: every call runs in the caller."

  def new(name), do: :ets.new(name, [:set, :public])

  def ban(table, key, opts) do
    :ets.insert(table, {key, now() + Keyword.fetch!(opts, :ban_for)})
    table
  end

  def banned?(table, key) do
    case :ets.lookup(table, key) do
      [{^key, until}] -> until > now()
      [] -> false
    end
  end

  defp now, do: System.monotonic_time(:millisecond)
end
