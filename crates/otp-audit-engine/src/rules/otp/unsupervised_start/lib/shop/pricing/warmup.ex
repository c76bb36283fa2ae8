defmodule Shop.Pricing.Warmup do
  @moduledoc "Warms the price cache after a deploy."

  # Pointed at pricing's own supervisor, by its full name.
  def run(skus) do
    Task.start(fn -> Enum.each(skus, &Shop.Pricing.Cache.load/1) end) #~ otp/unsupervised-start
  end
end
