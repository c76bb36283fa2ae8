defmodule Shop.WarehouseDb do
  @moduledoc "Opens connections to a warehouse's own database; callers own the pool they get."

  @doc "Starts a pool for `settings`, linked to the caller."
  @spec open(map(), keyword()) :: {:ok, pid()} | {:error, term()}
  def open(settings, extra \\ []) do
    [hostname: settings.host, database: settings.db, pool_size: settings.pool]
    |> Keyword.merge(extra)
    |> Postgrex.start_link()
  end

  @doc "Counts a warehouse's stock; the pool it opens is never handed on or closed."
  @spec stock_count(map()) :: {:ok, Postgrex.Result.t()} | {:error, term()}
  def stock_count(settings) do
    {:ok, pid} = Postgrex.start_link(hostname: settings.host, database: settings.db) #~ otp/unsupervised-start
    Postgrex.query(pid, "SELECT count(*) FROM stock", [])
  end
end
