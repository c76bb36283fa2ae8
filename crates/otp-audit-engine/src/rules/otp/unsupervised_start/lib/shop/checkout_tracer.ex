defmodule Shop.CheckoutTracer do
  @moduledoc """
  Collects checkout telemetry while you watch, from a remote IEx shell:

      iex> Shop.CheckoutTracer.watch()
      iex> Shop.CheckoutTracer.unwatch()
  """
  use GenServer

  def watch(opts \\ []), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__) #~ otp/unsupervised-start

  def unwatch, do: GenServer.stop(__MODULE__)

  @impl true
  def init(opts), do: {:ok, %{events: [], limit: Keyword.get(opts, :limit, 500)}}
end

defmodule Shop.StockProbe do
  @moduledoc "A probe with its own start_link, also startable by hand."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def probe(opts \\ []), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__) #~ otp/unsupervised-start

  @impl true
  def init(opts), do: {:ok, opts}
end

defmodule Shop.CartJanitor do
  @moduledoc "Control: starts another module's server from a plain function."

  def sweep_now(carts) do
    {:ok, pid} = GenServer.start_link(Shop.CartSweeper, carts) #~ otp/unsupervised-start
    GenServer.cast(pid, :sweep)
  end
end
