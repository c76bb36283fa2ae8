defmodule MyApp.QueueMetrics do
  @moduledoc """
  Counts queue events. The handlers given to `:telemetry.attach/4` run in the
  processes that emit the events, so their calls to this server are ordinary
  client calls.
  """
  use GenServer

  @call_timeout 2_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def snapshot, do: GenServer.call(__MODULE__, :snapshot, @call_timeout)

  @impl true
  def init(_opts) do
    :telemetry.attach(
      "queue-metrics-enqueued",
      [:my_app, :queue, :enqueued],
      fn _event, %{count: count}, _meta, _config ->
        GenServer.call(__MODULE__, {:bump, :enqueued, count}, @call_timeout)
      end,
      nil
    )

    :telemetry.attach_many(
      "queue-metrics-done",
      [[:my_app, :queue, :done], [:my_app, :queue, :failed]],
      fn [_, _, outcome], _measurements, _meta, _config ->
        GenServer.call(__MODULE__, {:bump, outcome, 1}, @call_timeout)
      end,
      nil
    )

    {:ok, %{enqueued: 0, done: 0, failed: 0}}
  end

  @impl true
  def handle_call({:bump, key, n}, _from, state), do: {:reply, :ok, Map.update!(state, key, &(&1 + n))}
  def handle_call(:snapshot, _from, state), do: {:reply, state, state}

  def handle_call({:bump_all, keys}, _from, state) do
    # Enum runs the fn right here, in the server.
    Enum.each(keys, fn key -> GenServer.call(__MODULE__, {:bump, key, 1}, @call_timeout) end) #~ otp/call-self
    {:reply, :ok, state}
  end

  def handle_call(:reset, _from, state) do
    # A local helper runs the fn in place: still the server calling itself.
    new_state = timed(fn -> GenServer.call(__MODULE__, :snapshot, @call_timeout) end) #~ otp/call-self
    {:reply, :ok, new_state || state}
  end

  defp timed(fun) do
    {_micros, result} = :timer.tc(fun)
    result
  end
end
