defmodule MyApp.Cache do
  @moduledoc "Lib code that other tests run: it fires the cache events."

  def fetch(key, fun) do
    MyApp.CacheEvents.hit(key)
    fun.(key)
  end
end
