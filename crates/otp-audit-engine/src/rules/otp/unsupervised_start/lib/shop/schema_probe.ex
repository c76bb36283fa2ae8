defmodule Shop.SchemaProbe do
  @moduledoc "Checks the database before the application starts its tree."

  @doc "Starts the repo under its own name, asks one question, and stops it again."
  def check_version do
    {:ok, _pid} = Shop.Repo.start_link()
    {:ok, version} = Shop.Repo.query_version()
    Shop.Repo.stop()
    version
  end

  @doc "Starts the cache and leaves it running, linked to whoever called this."
  def warm_cache do
    {:ok, _pid} = Shop.PriceCache.start_link() #~ otp/unsupervised-start
    Shop.PriceCache.load_all()
  end
end
