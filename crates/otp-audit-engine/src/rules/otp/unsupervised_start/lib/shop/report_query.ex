defmodule Shop.ReportQuery do
  @moduledoc "One-off queries against the reporting database, each on its own connection."

  alias Shop.Reporting.Conn

  # The connection lives exactly as long as the query: stopped in the `after`,
  # whatever the query returns or raises.
  def run_once(opts, sql) do
    case Conn.start_link(Keyword.put(opts, :pool_size, 1)) do
      {:ok, conn} ->
        try do
          Conn.query(conn, sql, timeout: 15_000)
        after
          GenServer.stop(conn)
        end

      {:error, reason} ->
        {:error, {:connect_failed, reason}}
    end
  end

  # The same shape without the stop: the connection outlives the call.
  def run_and_keep(opts, sql) do
    case Conn.start_link(opts) do #~ otp/unsupervised-start
      {:ok, conn} ->
        Conn.query(conn, sql, timeout: 15_000)

      {:error, reason} ->
        {:error, {:connect_failed, reason}}
    end
  end
end
