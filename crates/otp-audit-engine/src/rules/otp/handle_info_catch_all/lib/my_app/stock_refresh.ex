defmodule MyApp.StockRefresh do
  @moduledoc """
  Refreshes stock levels from the warehouses. The refresh tasks are started by a
  helper that is also used on its own, so some replies are never awaited.
  """
  use GenServer

  alias MyApp.Warehouses

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    Process.send_after(self(), :refresh, 1_000)
    {:ok, %{}}
  end

  @impl true
  def handle_info(:refresh, state) do #~ otp/handle-info-catch-all
    Warehouses.ids()
    |> Enum.map(&refresh_one/1)
    |> Task.await_many(30_000)

    refresh_one(:central)
    Process.send_after(self(), :refresh, 60_000)
    {:noreply, state}
  end

  defp refresh_one(id), do: Task.async(fn -> Warehouses.refresh(id) end)
end
