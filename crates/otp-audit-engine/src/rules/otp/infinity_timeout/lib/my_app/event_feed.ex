defmodule MyApp.EventFeed do
  @moduledoc """
  Hands out replayed events one request at a time. Every request waits in line until
  the next chunk arrives; its client waits `:infinity` by design.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: Keyword.fetch!(opts, :name))

  def next_event(name), do: GenServer.call(name, :next_event, :infinity)

  @impl true
  def init(_opts), do: {:ok, %{waiters: :queue.new(), events: [], done?: false}}

  @impl true
  def handle_call(_request, _from, %{done?: true} = state), do: {:reply, {:error, :done}, state}

  def handle_call(_request, from, state) do
    {:noreply, serve(%{state | waiters: :queue.in(from, state.waiters)})}
  end

  @impl true
  def handle_info({:events, events}, state), do: {:noreply, serve(%{state | events: state.events ++ events})}
  def handle_info(_other, state), do: {:noreply, state}

  defp serve(%{events: [event | rest]} = state) do
    case :queue.out(state.waiters) do
      {{:value, from}, waiters} ->
        GenServer.reply(from, {:ok, event})
        serve(%{state | events: rest, waiters: waiters})

      {:empty, _} ->
        state
    end
  end

  defp serve(state), do: state
end

defmodule MyApp.EventCount do
  @moduledoc "Its catch-all replies at once: the `:infinity` only hides a stuck server."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def count, do: GenServer.call(__MODULE__, :count, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(_opts), do: {:ok, 0}

  @impl true
  def handle_call(_request, _from, count), do: {:reply, count, count}
end
