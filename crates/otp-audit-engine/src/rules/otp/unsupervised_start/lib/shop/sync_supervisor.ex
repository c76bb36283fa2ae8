defmodule Shop.SyncSupervisor do
  @moduledoc "Supervises the store syncers and clears stale sync markers at boot."
  use Supervisor

  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    stores = Keyword.fetch!(opts, :stores)
    # A one-shot cleanup that could be a temporary `{Task, fun}` child instead.
    Task.start(fn -> Shop.SyncMarkers.clear_stale(stores) end) #~ otp/unsupervised-start

    children = Enum.map(stores, &{Shop.StoreSyncer, store: &1})
    Supervisor.init(children, strategy: :one_for_one)
  end
end
