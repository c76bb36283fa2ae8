defmodule MyApp.PriceFetcher do
  @moduledoc """
  Fetches prices on demand, one worker per product at a time, and answers every
  caller that asked for the same product while the worker ran.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def price(product_id), do: GenServer.call(__MODULE__, {:price, product_id}, 10_000)

  @impl true
  def init(_opts) do
    # The workers are linked: trapping turns their crashes into :EXIT messages below.
    Process.flag(:trap_exit, true)
    {:ok, %{workers: %{}}}
  end

  @impl true
  def handle_call({:price, id}, from, state) do
    case state.workers do
      %{^id => {pid, waiting}} ->
        {:noreply, put_in(state.workers[id], {pid, [from | waiting]})}

      _none ->
        server = self()
        pid = spawn_link(fn -> send(server, {:fetched, id, MyApp.Prices.fetch(id)}) end)
        {:noreply, put_in(state.workers[id], {pid, [from]})}
    end
  end

  @impl true
  def handle_info({:fetched, id, price}, state) do
    {{_pid, waiting}, workers} = Map.pop(state.workers, id)
    Enum.each(waiting, &GenServer.reply(&1, {:ok, price}))
    {:noreply, %{state | workers: workers}}
  end

  def handle_info({:EXIT, pid, reason}, state) when reason != :normal do
    {failed, workers} = Enum.split_with(state.workers, fn {_id, {worker, _}} -> worker == pid end)
    for {_id, {_pid, waiting}} <- failed, from <- waiting, do: GenServer.reply(from, {:error, reason})
    {:noreply, %{state | workers: Map.new(workers)}}
  end

  def handle_info({:EXIT, _pid, :normal}, state), do: {:noreply, state}
end

defmodule MyApp.PriceWarmer do
  @moduledoc "Warms the price cache; its worker is linked but nothing hears of its end."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(ids) do
    spawn_link(fn -> Enum.each(ids, &MyApp.Prices.fetch/1) end) #~ otp/no-raw-spawn
    {:ok, ids}
  end
end
