defmodule Shop.CouponStore do
  @moduledoc "A public start API over a server module, in linked and unlinked flavours."

  def start_link(coupons, opts \\ []), do: GenServer.start_link(Shop.CouponStore.Server, coupons, opts)

  def start(coupons, opts \\ []), do: GenServer.start(Shop.CouponStore.Server, coupons, opts)
end

defmodule Shop.CouponStore.Server do
  @moduledoc false
  use GenServer

  @impl true
  def init(coupons), do: {:ok, Map.new(coupons, &{&1.code, &1})}

  @impl true
  def handle_call({:fetch, code}, _from, coupons), do: {:reply, Map.fetch(coupons, code), coupons}
end
