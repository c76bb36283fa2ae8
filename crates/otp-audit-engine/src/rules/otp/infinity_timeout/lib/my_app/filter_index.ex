defmodule MyApp.FilterIndex do
  @moduledoc """
  Holds the active filters. They are restored from storage in `handle_continue/2`,
  so the server only answers once the restore is done.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # Callers may arrive while the filters are still being restored: wait it out.
  def filters, do: GenServer.call(__MODULE__, :filters, :infinity) #~ otp/infinity-timeout

  # The implicit 5 s runs out while a slow restore holds the server.
  def count, do: GenServer.call(__MODULE__, :count) #~ otp/call-timeout

  @impl GenServer
  def init(opts), do: {:ok, %{filters: [], store: opts[:store]}, {:continue, :restore}}

  @impl GenServer
  def handle_continue(:restore, state) do
    {:noreply, %{state | filters: load_all(state.store)}} #~ otp/blocking-in-callback
  end

  @impl GenServer
  def handle_call(:filters, _from, state), do: {:reply, state.filters, state}
  def handle_call(:count, _from, state), do: {:reply, length(state.filters), state}

  defp load_all(store) do
    Task.async(fn -> MyApp.FilterStore.all(store) end)
    |> Task.await(:infinity) #~ otp/infinity-timeout
  end
end

defmodule MyApp.FilterTicker do
  @moduledoc "Its continue only schedules a tick: nothing holds the server."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def ticks, do: GenServer.call(__MODULE__, :ticks, :infinity) #~ otp/infinity-timeout

  @impl GenServer
  def init(_opts), do: {:ok, 0, {:continue, :schedule}}

  @impl GenServer
  def handle_continue(:schedule, n) do
    Process.send_after(self(), :tick, 1_000)
    {:noreply, n}
  end

  @impl GenServer
  def handle_call(:ticks, _from, n), do: {:reply, n, n}

  @impl GenServer
  def handle_info(:tick, n), do: {:noreply, n + 1} #~ otp/handle-info-catch-all
end
