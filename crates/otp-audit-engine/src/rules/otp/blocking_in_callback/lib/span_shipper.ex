defmodule MyApp.SpanShipper do
  @moduledoc "Batches spans and ships them; callers wait while a full batch goes out."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def ship(span), do: GenServer.call(__MODULE__, {:ship, span}, 30_000)

  def ship_now(span), do: GenServer.call(__MODULE__, {:ship_now, span}, 30_000)

  @impl true
  def init(opts), do: {:ok, %{batch: [], size: Keyword.get(opts, :size, 50), in_flight: 0}}

  @impl true
  def handle_call({:ship, span}, _from, state) do
    state = %{state | batch: [span | state.batch]}
    {:reply, :ok, flush(state)} #~ otp/blocking-in-callback
  end

  def handle_call({:ship_now, span}, _from, state) do
    task = Task.async(fn -> push([span]) end)
    # Waits here so that callers cannot outrun the collector.
    Task.await(task, 10_000) #~ otp/blocking-in-callback
    {:reply, :ok, state}
  end

  defp flush(%{batch: batch, size: size} = state) when length(batch) < size, do: state

  defp flush(%{batch: batch} = state) do
    if state.in_flight < 4 do
      Task.start(fn -> push(batch) end)
      %{state | batch: [], in_flight: state.in_flight + 1}
    else
      # Too many batches in flight: push this one from a task of its own (a fresh heap)
      # but wait for it, so callers feel the backpressure.
      task = Task.async(fn -> push(batch) end)
      Task.await(task, 20_000)
      %{state | batch: []}
    end
  end

  defp push(spans), do: :telemetry.execute([:my_app, :spans], %{count: length(spans)})
end
