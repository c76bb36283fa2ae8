defmodule MyAppWeb.Plugs.QuotaGate do
  @moduledoc "Lets a request through while its account is under quota; answers 429 otherwise."
  import Plug.Conn

  alias MyAppWeb.FallbackController

  def init(opts), do: opts

  # Always returns a conn: the error goes to the fallback controller, not back.
  def call(conn, _opts) do
    case MyApp.Quota.take(conn.assigns.account_id) do
      {:ok, remaining} ->
        put_resp_header(conn, "x-quota-remaining", Integer.to_string(remaining))

      {:error, %{retry_in: seconds}} ->
        conn
        |> put_resp_header("retry-after", Integer.to_string(seconds))
        |> FallbackController.call({:error, :too_many_requests, "quota exceeded"})
        |> halt()
    end
  end
end
