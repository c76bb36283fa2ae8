defmodule Shop.BatchServing do
  @moduledoc "Batches scoring requests; the client streams its input from a feeder."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # Client API: runs in the caller, and so does the feeder it links.
  def score_stream(items), do: stream_into(items, 5_000)

  defp stream_into(items, timeout) do
    feeder = start_feeder(items)
    GenServer.call(__MODULE__, {:score_from, feeder}, timeout)
  end

  defp start_feeder(items) do
    spawn_link(fn -> Enum.each(items, &send_item/1) end) #~ otp/no-raw-spawn
  end

  defp send_item(item), do: GenServer.cast(__MODULE__, {:item, item})

  @impl true
  def init(_opts), do: {:ok, %{feeders: []}}

  @impl true
  def handle_call({:score_from, feeder}, _from, state) do
    {:reply, :ok, %{state | feeders: [feeder | state.feeders]}}
  end

  @impl true
  def handle_cast({:item, _item}, state), do: {:noreply, state}

  @impl true
  def handle_info(:warm_up, state) do
    warm_up()
    {:noreply, state}
  end

  # Called from a callback: this one runs in the server.
  defp warm_up do
    spawn_link(fn -> :ok = Shop.Model.load() end) #~ otp/no-raw-spawn
  end
end
