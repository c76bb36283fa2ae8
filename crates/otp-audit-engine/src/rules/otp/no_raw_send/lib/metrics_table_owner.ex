defmodule MyApp.MetricsTableOwner do
  @moduledoc "Owns the metrics table of a pipeline and hands its id back to the starter."
  use GenServer

  def new(supervisor) do
    {:ok, _pid} =
      DynamicSupervisor.start_child(supervisor, {__MODULE__, %{owner: self()}})

    receive do: ({:table, table} -> table)
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(%{owner: owner}) do
    table = :ets.new(:metrics, [:public, read_concurrency: true])
    send(owner, {:table, table})
    {:ok, %{table: table, owner: owner}}
  end

  @impl true
  def handle_info({:flush, to}, state) do #~ otp/handle-info-catch-all
    send(to, {:flushed, :ets.info(state.table, :size)}) #~ otp/no-raw-send
    {:noreply, state}
  end
end
