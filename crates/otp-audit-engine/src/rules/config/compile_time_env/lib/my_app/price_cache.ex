defmodule MyApp.PriceCache do
  @moduledoc "Latest supplier prices, refreshed by the importer."

  # The TTLs are options that MyApp.TableCache puts into child_spec/1: they are
  # read when the supervisor starts the cache, so runtime.exs can set them.
  use MyApp.TableCache,
    name: Application.get_env(:my_app, :price_cache_name, :prices), #~ config/compile-time-env
    ttl_check_interval: Application.get_env(:my_app, __MODULE__)[:ttl_check_interval],
    global_ttl: Application.get_env(:my_app, __MODULE__)[:global_ttl]

  def price(sku), do: get(sku)
end
