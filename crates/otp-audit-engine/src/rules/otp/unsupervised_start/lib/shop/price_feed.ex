defmodule Shop.PriceFeed do
  @moduledoc "Mirrors GenServer's API: `start_link` for supervisors, `start` for a shell session."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # The caller of `start/1` decides whether the process is supervised.
  def start(opts), do: GenServer.start(__MODULE__, opts)

  # Another public start API of the module: it returns the start result to its caller.
  def start_probe(opts) do
    GenServer.start(__MODULE__, Keyword.put(opts, :probe, true))
  end

  def probe!(opts) do
    {:ok, pid} = GenServer.start(__MODULE__, Keyword.put(opts, :probe, true)) #~ otp/unsupervised-start
    GenServer.call(pid, {:quote, :probe}, 1_000)
  end

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}

  @impl true
  def handle_call({:quote, sku}, _from, state), do: {:reply, Map.get(state, sku), state}
end
