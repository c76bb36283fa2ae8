defmodule MyApp.PriceBackfill do
  @moduledoc """
  A one-off migration that recomputes list prices in batches. Each batch is split
  into chunks that run as tasks; the server waits for all of them before it
  schedules the next batch.
  """
  use GenServer, restart: :transient

  alias MyApp.Catalog

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    send(self(), :migrate_batch)
    {:ok, %{chunk_size: Keyword.get(opts, :chunk_size, 500)}}
  end

  @impl true
  def handle_info(:migrate_batch, state) do #~ otp/handle-info-catch-all
    case Catalog.unpriced_ids(5_000) do
      [] ->
        {:stop, :normal, state}

      ids ->
        ids
        |> Enum.chunk_every(state.chunk_size)
        |> Enum.map(&run_chunk/1)
        |> Task.await_many(:infinity)

        send(self(), :migrate_batch)
        {:noreply, state}
    end
  end

  defp run_chunk(ids), do: Task.async(fn -> Catalog.reprice(ids) end)
end

defmodule MyApp.CatalogTotals do
  @moduledoc "Refreshes the catalog totals every hour; both counts run at once."
  use GenServer

  alias MyApp.Catalog

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    send(self(), :refresh)
    {:ok, %{}}
  end

  @impl true
  def handle_info(:refresh, _state) do #~ otp/handle-info-catch-all
    tasks = [
      Task.async(fn -> Catalog.count_products() end),
      Task.async(fn -> Catalog.count_variants() end)
    ]

    [products, variants] = Task.await_many(tasks, 60_000)
    Process.send_after(self(), :refresh, :timer.hours(1))
    {:noreply, %{products: products, variants: variants}}
  end
end
