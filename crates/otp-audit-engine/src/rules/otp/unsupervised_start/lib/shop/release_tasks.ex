defmodule Shop.ReleaseTasks do
  # Distillery-era release tasks, run with `bin/shop eval` in a VM of their own: the
  # starts last as long as the command, so they are not reported.
  def startup do
    Application.load(:shop)
    {:ok, _} = Application.ensure_all_started(:postgrex)
    {:ok, _} = Shop.Repo.start_link(pool_size: 2)
  end

  def startup_extra do
    {:ok, _} = ShopWeb.Endpoint.start_link()
    {:ok, _} = Shop.PriceCache.start_link([])
  end
end

defmodule Shop.ReleaseTasks.Seeds do
  def run do
    Shop.ReleaseTasks.startup()
    Shop.ReleaseTasks.startup_extra()
    Code.eval_file(Path.join(:code.priv_dir(:shop), "repo/seeds.exs"))
  end
end

defmodule Shop.Catalog.Releases do
  # "Releases" of the catalog (new collections), not release tooling: reported.
  def publish(collection) do
    {:ok, _} = Shop.Catalog.Publisher.start_link(collection) #~ otp/unsupervised-start
    :ok
  end
end
