defmodule MyApp.Quota.Server do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # Answered at once: the handler only does arithmetic in MyApp.Quota.Math.
  def usage, do: GenServer.call(__MODULE__, :usage, :infinity) #~ otp/infinity-timeout

  # The handler asks another server, which may never answer.
  def limits(tenant), do: GenServer.call(__MODULE__, {:limits, tenant}, :infinity) #~ otp/infinity-timeout

  def record(key), do: GenServer.cast(__MODULE__, {:record, key})

  @impl true
  def init(_opts), do: {:ok, %{counts: %{}}}

  @impl true
  def handle_call(:usage, _from, state) do
    {:reply, MyApp.Quota.Math.summary(state.counts), state}
  end

  def handle_call({:limits, tenant}, _from, state) do
    {:reply, MyApp.Quota.Store.limits(tenant), state}
  end

  @impl true
  def handle_cast({:record, key}, state) do
    {:noreply, update_in(state.counts, &Map.update(&1, key, 1, fn n -> n + 1 end))}
  end
end
