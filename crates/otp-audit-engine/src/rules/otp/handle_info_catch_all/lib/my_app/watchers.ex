defmodule MyApp.LeaseTable do
  @moduledoc false
  # Hands out leases to callers and frees them when the caller dies.
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  def acquire(key), do: GenServer.call(__MODULE__, {:acquire, key}, 5_000)

  @impl true
  def init(nil), do: {:ok, %{}}

  @impl true
  def handle_call({:acquire, key}, {pid, _}, leases) do
    ref = Process.monitor(pid)
    {:reply, :ok, Map.put(leases, ref, key)}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, leases) do #~ otp/handle-info-catch-all
    {:noreply, Map.delete(leases, ref)}
  end
end

defmodule MyApp.IdleLeaseTable do
  @moduledoc false
  # Same, and stops itself once it has been idle for a minute: a catch-all returning
  # {:noreply, state} would cancel that, and nothing but a foreign send can crash it.
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil)

  @impl true
  def init(nil), do: {:ok, %{}, 60_000}

  @impl true
  def handle_call({:acquire, key}, {pid, _}, leases) do
    ref = Process.monitor(pid)
    {:reply, :ok, Map.put(leases, ref, key), 60_000}
  end

  @impl true
  def handle_info({:DOWN, ref, _, _, _}, leases), do: {:noreply, Map.delete(leases, ref), 60_000}
  def handle_info(:timeout, leases), do: {:stop, :normal, leases}
end

defmodule MyApp.PricingCache do
  @moduledoc false
  # Asks another server from its own callback: a late reply can arrive.
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @impl true
  def init(nil), do: {:ok, %{}}

  @impl true
  def handle_cast({:refresh, pid}, cache) do
    Process.monitor(pid)
    {:noreply, Map.put(cache, :prices, fetch_prices())}
  end

  @impl true
  def handle_info({:DOWN, _ref, :process, _pid, _reason}, cache) do #~ otp/handle-info-catch-all
    {:noreply, cache}
  end

  defp fetch_prices, do: GenServer.call(MyApp.PriceFeed, :prices, 1_000)
end

defmodule MyApp.LinkedPool do
  @moduledoc false
  # Traps exits but matches no :EXIT: a linked worker's crash arrives unhandled.
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil)

  @impl true
  def init(nil) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    {:ok, %{}}
  end

  @impl true
  def handle_info({:DOWN, ref, _, _, _}, state) do #~ otp/handle-info-catch-all
    {:noreply, Map.delete(state, ref)}
  end
end
