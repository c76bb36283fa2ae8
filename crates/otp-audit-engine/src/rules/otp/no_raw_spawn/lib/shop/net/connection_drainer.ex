defmodule Shop.Net.ConnectionDrainer do
  @moduledoc "On shutdown, asks every open connection to close, in batches."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, %{registry: Keyword.fetch!(opts, :registry), batch: 100}}
  end

  @impl true
  def terminate(_reason, state) do
    state.registry
    |> Registry.select([{{:_, :"$1", :_}, [], [:"$1"]}])
    |> Enum.chunk_every(state.batch)
    |> Enum.each(&drain/1)
  end

  # Sends only: it ends once they are out, and the shutdown does not wait on slow
  # connections.
  defp drain(batch) do
    spawn(fn ->
      for pid <- batch, do: send(pid, :drain)
    end)
  end

  def announce(pids, event) do
    # Builds the message in the spawned process: work that can crash unseen.
    spawn(fn -> Enum.each(pids, &send(&1, Shop.Net.Event.encode(event))) end) #~ otp/no-raw-spawn
  end
end
