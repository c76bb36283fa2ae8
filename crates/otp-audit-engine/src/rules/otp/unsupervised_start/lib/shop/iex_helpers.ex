defmodule Shop.IEx.Helpers do
  @moduledoc "Imported in .iex.exs: shortcuts for a debugging session."

  # Hands the session a linked index store to poke at: not reported.
  def index_store(catalog) do
    Shop.Catalog.load(catalog)
    Shop.Search.Store.start_link(catalog, Shop.Search.Backends.Ets)
  end
end

defmodule Shop.Search.Warmup do
  # The same start, not returned, in an ordinary module: reported.
  def warm(catalog) do
    {:ok, _store} = Shop.Search.Store.start_link(catalog, Shop.Search.Backends.Ets) #~ otp/unsupervised-start
    :ok
  end
end
