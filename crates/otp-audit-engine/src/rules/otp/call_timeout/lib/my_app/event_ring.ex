defmodule MyApp.EventRing do
  @moduledoc "Keeps the last events in a queue for a debugging session, and hands them out on request."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def record(event), do: GenServer.cast(__MODULE__, {:record, event, :os.perf_counter()})

  # Answered from the state: a queue turned into a list, with relative times.
  def events, do: GenServer.call(__MODULE__, :events) #~ otp/call-timeout

  def table_size, do: GenServer.call(__MODULE__, :table_size) #~ otp/call-timeout

  # Control: the handler asks another server before it replies.
  def export, do: GenServer.call(__MODULE__, :export) #~ otp/call-timeout

  @impl true
  def init(opts) do
    table = :ets.new(:event_ring_index, [:set, :protected])
    {:ok, %{queue: :queue.new(), size: 0, max: Keyword.get(opts, :max, 1_000), table: table}}
  end

  @impl true
  def handle_cast({:record, event, at}, state) do
    queue = :queue.in({event, at}, state.queue)
    queue = if state.size >= state.max, do: :queue.drop(queue), else: queue
    {:noreply, %{state | queue: queue, size: min(state.size + 1, state.max)}}
  end

  @impl true
  def handle_call(:events, _from, state) do
    {:reply, state.queue |> :queue.to_list() |> relative_times(), state}
  end

  def handle_call(:table_size, _from, state) do
    {:reply, :ets.info(state.table, :size), state}
  end

  def handle_call(:export, _from, state) do
    {:reply, MyApp.Exporter.write(:queue.to_list(state.queue)), state}
  end

  defp relative_times([]), do: []

  defp relative_times([{_, first} | _] = events) do
    Enum.map(events, fn {event, at} ->
      {event, :erlang.convert_time_unit(at - first, :perf_counter, :microsecond)}
    end)
  end
end
