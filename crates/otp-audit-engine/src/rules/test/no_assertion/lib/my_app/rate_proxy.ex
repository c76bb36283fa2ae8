defmodule MyApp.RateProxy do
  @moduledoc "Fetches exchange rates through an HTTP proxy."

  def fetch(currency, proxy) do
    with {:ok, conn} <- MyApp.Http.connect(proxy),
         {:ok, body} <- MyApp.Http.get(conn, "/rates/#{currency}") do
      {:ok, body}
    else
      {:error, reason} -> {:error, {:proxy, reason}}
    end
  end
end
