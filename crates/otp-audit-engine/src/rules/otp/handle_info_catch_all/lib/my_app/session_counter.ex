defmodule MyApp.SessionCounter do
  @moduledoc "Counts hits per session; named in a Registry, which links it to the registry's partition."
  use GenServer, restart: :temporary

  def start_link(id),
    do: GenServer.start_link(__MODULE__, id, name: {:via, Registry, {MyApp.SessionRegistry, id}})

  @impl true
  def init(id) do
    Process.flag(:trap_exit, true)
    {:ok, %{id: id, hits: 0}}
  end

  @impl true
  def handle_info(:hit, state), do: {:noreply, %{state | hits: state.hits + 1}}
  # The partition's {:EXIT, partition, reason} would reach here and crash it.
  def handle_info(:flush, state), do: {:stop, :shutdown, state} #~ otp/handle-info-catch-all

  @impl true
  def terminate(_reason, state), do: MyApp.HitStore.save(state.id, state.hits)
end
