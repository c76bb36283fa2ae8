defmodule MyApp.DepotWatch do
  @moduledoc "Tells a watcher once the depot drains, besides answering its call."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def drain, do: GenServer.call(__MODULE__, :drain, 5_000)

  @impl true
  def init(_opts), do: {:ok, %{parcels: [], watcher: nil}}

  @impl true
  def handle_call(:drain, {caller, _tag}, state) do
    if state.parcels == [], do: send(caller, :drained) #~ otp/no-raw-send

    {:reply, :ok, %{state | watcher: caller}}
  end
end
