defmodule MyApp.Inventory do
  @moduledoc "Client API of the inventory server."

  alias GenServer, as: GS

  @server MyApp.Inventory.Server

  def stock(sku) do
    GenServer.call(@server, {:stock, sku}) #~ otp/call-timeout
  end

  def reserve(server \\ @server, sku, qty) do
    server |> GenServer.call({:reserve, sku, qty}) #~ otp/call-timeout
  end

  def release(sku, qty) do
    GenServer.call @server, {:release, sku, qty} #~ otp/call-timeout
  end

  def restock(sku, qty) do
    GS.call(@server, {:restock, sku, qty}) #~ otp/call-timeout
  end

  def audit(opts) do
    GenServer.call(@server, #~ otp/call-timeout
      {:audit, opts}
    )
  end

  def lookup(sku, warehouse) do
    GenServer.call(@server, sku: sku, warehouse: warehouse) #~ otp/call-timeout
  end

  def raw_count do
    :gen_server.call(@server, :count) #~ otp/call-timeout
  end

  def stock_many(servers) do
    Enum.map(servers, &GenServer.call(&1, :stock)) #~ otp/call-timeout
  end

  def stock_all(servers) do
    Enum.map(servers, &GenServer.call/2) #~ otp/call-timeout
  end

  def stock_via_apply(sku) do
    apply(GenServer, :call, [@server, {:stock, sku}]) #~ otp/call-timeout
  end

  # Explicit timeouts are fine, whatever their form.
  @call_timeout 2_000

  def stock!(sku), do: GenServer.call(@server, {:stock, sku}, @call_timeout)
  def slow_report(timeout), do: GenServer.call(@server, :report, timeout)
  def quick_peek(sku), do: @server |> GenServer.call({:peek, sku}, 500)
  def multi(nodes), do: GenServer.multi_call(nodes, MyApp.Inventory.Server, :ping)
end
