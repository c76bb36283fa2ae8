defmodule MyApp.ProxyConfig do
  @moduledoc "Reads the proxy setting; a bad one is logged and ignored."
  require Logger

  def options(url) do
    case parse(url) do
      {:ok, opts} -> opts
      {:error, []} -> []
    end
  end

  defp parse(nil), do: {:ok, []}

  defp parse(url) do
    case URI.parse(url) do
      %URI{scheme: "http", host: host, port: port} when is_binary(host) ->
        {:ok, [proxy: {:http, host, port}]}

      %URI{scheme: scheme} ->
        Logger.warning("unsupported proxy scheme #{inspect(scheme)}, using no proxy")
        {:error, []}
    end
  end
end
