# fixture: needs the project
defmodule MyApp.LedgerFeed.Memory.Relay do
  # One per subscription of the in-memory store: forwards entries to the subscriber
  # and tidies up when it goes away.
  use GenServer

  def child_spec(subscriber), do: %{id: {__MODULE__, subscriber}, start: {__MODULE__, :start_link, [subscriber]}, restart: :temporary}

  def start_link(subscriber), do: GenServer.start_link(__MODULE__, subscriber)

  @impl true
  def init(subscriber) do
    Process.monitor(subscriber)
    {:ok, %{subscriber: subscriber, seen: 0}}
  end

  @impl true
  def handle_info({:entries, entries}, state) do
    Enum.each(entries, &deliver(state.subscriber, &1))
    {:noreply, %{state | seen: state.seen + length(entries)}}
  end

  def handle_info({:rewind, to}, state), do: {:noreply, %{state | seen: to}}

  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state), do: {:stop, :normal, state}

  defp deliver(_subscriber, _entry), do: :ok
end
