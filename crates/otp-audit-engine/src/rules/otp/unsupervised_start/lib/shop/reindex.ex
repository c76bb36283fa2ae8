defmodule Shop.Reindex do
  @moduledoc "Rebuilds the search index when an order changes."

  def order_changed(order) do
    Task.start(fn -> Shop.Search.reindex(order) end) #~ otp/unsupervised-start
  end
end
