defmodule Stockroom.TallyBoard do
  @moduledoc "Public start API over `Stockroom.TallyBoard.Server`, linked and unlinked."

  def start_link(opts \\ []), do: GenServer.start_link(Stockroom.TallyBoard.Server, :ok, opts)

  def start(opts \\ []), do: GenServer.start(Stockroom.TallyBoard.Server, :ok, opts)
end

defmodule Stockroom.TallyBoard.Server do
  @moduledoc false
  use GenServer

  @impl true
  def init(:ok), do: {:ok, %{}}

  @impl true
  def handle_cast({:bump, sku}, counts), do: {:noreply, Map.update(counts, sku, 1, &(&1 + 1))}
end
