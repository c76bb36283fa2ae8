defmodule MyApp.CacheEvents do
  @moduledoc "Telemetry for the cache."

  def hit(key), do: :telemetry.execute([:my_app, :cache, :hit], %{count: 1}, %{key: key})
end
