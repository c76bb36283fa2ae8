defmodule MyApp.CatalogCache do
  @moduledoc """
  Keeps a copy of the catalog in memory. The accessors answer from state at once;
  `refresh/1` fetches the catalog again inside the call.
  """
  use GenServer

  def start_link(id), do: GenServer.start_link(__MODULE__, id, name: via(id))

  def get_items(id), do: GenServer.call(via(id), :get_items) #~ otp/call-timeout
  def get_item(id, sku), do: GenServer.call(via(id), {:get_item, sku}) #~ otp/call-timeout
  def refresh(id), do: GenServer.call(via(id), :refresh) #~ otp/call-timeout

  defp via(id), do: {:via, Registry, {MyApp.Registry, {__MODULE__, id}}}

  @impl true
  def init(id), do: {:ok, %{id: id, items: []}}

  @impl true
  def handle_call(:get_items, _from, state), do: {:reply, state.items, state}

  def handle_call({:get_item, sku}, _from, state) do
    {:reply, Enum.find(state.items, &(&1.sku == sku)), state}
  end

  def handle_call(:refresh, _from, state) do
    items = MyApp.CatalogApi.fetch_items!(state.id)
    {:reply, :ok, %{state | items: items}}
  end
end
