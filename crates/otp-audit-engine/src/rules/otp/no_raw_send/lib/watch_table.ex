defmodule MyApp.WatchTable do
  @moduledoc "Keeps the processes watching a feed in an ETS table and tells them to rewatch after a reset."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    table = :ets.new(:feed_watchers, [:set, :protected])
    {:ok, %{table: table, archive: nil}}
  end

  @impl true
  def handle_info(:feed_reset, state) do
    # Each watcher in the table, the fn piped into the fold.
    fn {pid, mref}, count ->
      Process.demonitor(mref, [:flush])
      send(pid, :rewatch)
      count + 1
    end
    |> :ets.foldl(0, state.table)

    :ets.delete_all_objects(state.table)
    {:noreply, state}
  end

  def handle_info(:feed_paused, state) do
    # The fn as the first argument, folding from the other end.
    :ets.foldr(fn {pid, _mref}, acc -> [send(pid, {:feed_paused, self()}) | acc] end, [], state.table)
    {:noreply, state}
  end

  def handle_info(_other, state), do: {:noreply, state}

  # The fold visits the table, but the send goes to one process every time.
  def report_size(state, auditor) do
    :ets.foldl(fn _row, n -> send(auditor, {:watch_count, n + 1}) end, 0, state.table) #~ otp/no-raw-send
  end
end
