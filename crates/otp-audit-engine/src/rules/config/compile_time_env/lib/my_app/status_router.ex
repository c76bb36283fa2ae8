defmodule MyApp.StatusRouter do
  @moduledoc "A small HTTP API for the crawler's status."
  use Plug.Router

  # Evaluated while the module compiles: the plug's options are frozen.
  plug Plug.Logger, log: Application.get_env(:my_app, :router_log_level, :info) #~ config/compile-time-env
  plug :match
  plug :dispatch

  # The route's block runs on every request: a runtime read, and `compile_env` would
  # freeze what `runtime.exs` sets.
  get "/crawls/:id/items" do
    folder = Application.get_env(:my_app, :items_folder, "/tmp")
    send_resp(conn, 200, Path.join(folder, conn.path_params["id"]))
  end

  match _ do
    send_resp(conn, 404, Application.get_env(:my_app, :not_found_body, "not found"))
  end
end
