defmodule MyApp.RuntimeConfig do
  @moduledoc "Reads configuration where it belongs: no finding."

  @timeout Application.compile_env(:my_app, :timeout, 5_000)
  @region Application.compile_env!(:my_app, :region)

  def timeout, do: @timeout
  def region, do: @region

  def api_key, do: Application.fetch_env!(:my_app, :api_key)

  def endpoint(opts \\ Application.get_env(:my_app, :endpoint, [])) do
    Keyword.get(opts, :url, "https://api.example.com")
  end

  def features do
    case Application.fetch_env(:my_app, :features) do
      {:ok, features} -> features
      :error -> []
    end
  end

  # A fn kept for later runs when it is called, not at compile time.
  @doc false
  def loader, do: fn -> Application.get_all_env(:my_app) end

  defmacro config(key) do
    quote do
      Application.get_env(:my_app, unquote(key))
    end
  end
end
