defmodule Shop.ExportReadyNotifier do
  @moduledoc """
  Listens for finished exports in Postgres and wakes the request process that is
  waiting for that export (each registers under its export id in a unique
  registry).
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    {:ok, _ref} = Postgrex.Notifications.listen(Keyword.fetch!(opts, :notifications), "exports.ready")
    {:ok, %{last: nil}}
  end

  @impl true
  def handle_info({:notification, _pid, _ref, "exports.ready", export_id}, state) do
    Registry.dispatch(Shop.ExportWaiters, export_id, fn [{waiter, _meta}] ->
      send(waiter, {:export_ready, export_id})
    end)

    {:noreply, %{state | last: export_id}}
  end

  def handle_info(_message, state), do: {:noreply, state}

  # Not a registry entry: the fn's pid comes from a lookup, so a plain send stays
  # reported.
  def nudge(export_id) do
    Enum.each([export_id], fn id ->
      [{pid, _}] = Registry.lookup(Shop.ExportWaiters, id)
      send(pid, {:export_ready, id}) #~ otp/no-raw-send
    end)
  end
end
