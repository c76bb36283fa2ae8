defmodule MyApp.PriceFeed do
  @moduledoc "Receives price updates and pushes the changed ones to a broker in parallel."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def init(opts), do: {:ok, %{broker: opts[:broker], last: %{}}}

  def handle_info({:prices, prices}, state) do
    pushed =
      prices
      |> Enum.reject(fn {sym, price} -> Map.get(state.last, sym) == price end)
      |> Task.async_stream(fn {sym, price} -> {sym, MyApp.Broker.push(sym, price)} end,
        max_concurrency: 8,
        on_timeout: :kill_task
      )
      |> Enum.flat_map(fn
        {:ok, {sym, :ok}} -> [sym]
        _failed -> []
      end)

    {:noreply, %{state | last: Map.merge(state.last, Map.take(prices, pushed))}}
  end

  # The stream takes its own replies and `:DOWN`s and kills the tasks that time
  # out, so no late reply can reach `handle_info/2`: only a foreign `send` (info).
  def handle_info(:flush, state), do: {:noreply, %{state | last: %{}}} #~ otp/handle-info-catch-all
end

defmodule MyApp.PriceFeedAsync do
  @moduledoc "Control: pushes through `Task.async` and gives up after two seconds."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def init(opts), do: {:ok, %{broker: opts[:broker]}}

  # Control: a task `Task.yield/2` gives up on still answers later, and its reply
  # and `:DOWN` reach `handle_info/2`: still a warning.
  def handle_info({:prices, prices}, state) do #~ otp/handle-info-catch-all
    task = Task.async(fn -> MyApp.Broker.push_all(prices) end)
    Task.yield(task, 2_000)
    {:noreply, state}
  end
end
