defmodule MyApp.Inventory do
  @moduledoc "An application GenServer (not a behaviour) whose state is a struct."
  use GenServer

  defstruct items: %{}, reserved: %{}

  def start_link(opts), do: GenServer.start_link(__MODULE__, :ok, opts)

  def reserve(inventory, sku), do: GenServer.call(inventory, {:reserve, sku}, 5_000)

  @impl true
  def init(:ok), do: {:ok, %__MODULE__{}}

  @impl true
  def handle_call({:reserve, sku}, _from, state) do
    {:reply, :ok, %{state | reserved: Map.put(state.reserved, sku, true)}}
  end
end
