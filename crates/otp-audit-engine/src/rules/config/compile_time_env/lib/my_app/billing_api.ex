defmodule MyApp.BillingApi do
  @moduledoc "HTTP client of the billing service; its URL and key come from runtime.exs."
  use Tesla

  # Tesla keeps these options as code run on each request: they are runtime reads.
  plug Tesla.Middleware.BaseUrl, Application.get_env(:my_app, :billing_url)
  plug Tesla.Middleware.BearerAuth, token: Application.fetch_env!(:my_app, :billing_key)
  plug Tesla.Middleware.JSON

  @timeout Application.get_env(:my_app, :billing_timeout, 5_000) #~ config/compile-time-env

  def timeout, do: @timeout
end

defmodule MyAppWeb.ApiPipeline do
  @moduledoc "Plug.Builder evaluates a plug's options while the module compiles."
  use Plug.Builder

  plug :limit, Application.get_env(:my_app, :api_limit, 100) #~ config/compile-time-env

  def limit(conn, max), do: Plug.Conn.assign(conn, :limit, max)
end
