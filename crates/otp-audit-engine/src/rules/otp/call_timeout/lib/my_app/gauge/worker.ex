defmodule MyApp.Gauge.Worker do
  use GenServer
  require MyApp.Gauge.SafeCall, as: SafeCall

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, nil}

  @impl true
  def handle_call({:add_get, ref, value}, _from, state) do
    SafeCall.log_crash do
      result = :atomics.add_get(ref, 1, value)
      {:reply, result, state}
    end
  end

  def handle_call({:get, ref}, _from, state) do
    try do
      {:reply, :atomics.get(ref, 1), state}
    rescue
      e ->
        require Logger
        MyApp.Gauge.Alerts.page(e)
        reraise e, __STACKTRACE__
    end
  end

  def handle_call({:reset, ref}, _from, state) do
    SafeCall.under_lock :gauge do
      :atomics.put(ref, 1, 0)
      {:reply, :ok, state}
    end
  end
end
