defmodule MyApp.StatsShipper do
  @moduledoc "Ships two stats snapshots to the collector every minute."
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    {:ok, %{url: Keyword.fetch!(opts, :url), timer: schedule()}}
  end

  # No handle_call/3 or handle_cast/2: only the server's own timer waits behind the
  # bounded wait, and the next ship is scheduled after it.
  @impl true
  def handle_info(:ship, state) do
    ship(state.url) #~ otp/blocking-in-callback
    {:noreply, %{state | timer: schedule()}}
  end

  def handle_info(msg, state) do
    Logger.warning("unexpected #{inspect(msg)}")
    {:noreply, state}
  end

  defp schedule, do: Process.send_after(self(), :ship, 60_000)

  defp ship(url) do
    [
      Task.Supervisor.async_nolink(MyApp.TaskSupervisor, fn -> post(url, :node) end),
      Task.Supervisor.async_nolink(MyApp.TaskSupervisor, fn -> post(url, :tenants) end)
    ]
    |> Task.yield_many(:timer.seconds(20))
    |> Enum.each(fn
      {task, nil} -> Task.shutdown(task, :brutal_kill)
      {_task, _result} -> :ok
    end)
  end

  defp post(url, what), do: MyApp.Http.post(url, what)
end

defmodule MyApp.StatsShipperWithApi do
  @moduledoc "Near miss: the same wait in a server that callers reach with a call."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def last, do: GenServer.call(__MODULE__, :last, 1_000)

  @impl true
  def init(opts), do: {:ok, %{url: opts[:url], last: nil}}

  @impl true
  def handle_call(:last, _from, state), do: {:reply, state.last, state}

  @impl true
  def handle_info(:ship, state) do
    [Task.Supervisor.async_nolink(MyApp.TaskSupervisor, fn -> MyApp.Http.post(state.url, :node) end)]
    |> Task.yield_many(20_000) #~ otp/blocking-in-callback
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end

defmodule MyApp.StatsShipperForever do
  @moduledoc "Near miss: no API, but the wait has no bound."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{url: opts[:url]}}

  @impl true
  def handle_info(:ship, state) do
    [Task.Supervisor.async_nolink(MyApp.TaskSupervisor, fn -> MyApp.Http.post(state.url, :node) end)]
    |> Task.yield_many(:infinity) #~ otp/blocking-in-callback, otp/infinity-timeout
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end
