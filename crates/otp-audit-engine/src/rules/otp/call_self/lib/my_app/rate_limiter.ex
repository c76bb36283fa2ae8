defmodule MyApp.RateLimiter do
  @moduledoc "Token bucket per key, registered under its module name."
  use GenServer

  alias __MODULE__

  @call_timeout 1_000

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  end

  def allow?(key), do: GenServer.call(__MODULE__, {:allow?, key}, @call_timeout)

  def buckets(server \\ __MODULE__), do: GenServer.call(server, :buckets, @call_timeout)

  def refill(server, key), do: GenServer.call(server, {:refill, key}, @call_timeout)

  @impl true
  def init(opts) do
    limit = Keyword.get(opts, :limit, 10)
    :ok = GenServer.call(MyApp.RateLimiter, {:configure, limit}, @call_timeout) #~ otp/call-self
    {:ok, %{limit: limit, buckets: %{}}}
  end

  @impl true
  def handle_call({:allow?, key}, _from, state) do
    # Looks up the bucket through the public API: a call to itself.
    buckets = GenServer.call(__MODULE__, :buckets) #~ otp/call-self
    {:reply, Map.get(buckets, key, state.limit) > 0, state}
  end

  def handle_call(:buckets, _from, state), do: {:reply, state.buckets, state}

  def handle_call({:refill, key}, _from, state) do
    {:reply, :ok, put_in(state.buckets[key], state.limit)}
  end

  def handle_call({:configure, limit}, _from, state), do: {:reply, :ok, %{state | limit: limit}}

  @impl true
  def handle_cast({:refill_all, keys}, state) do
    me = self()
    Enum.each(keys, fn key -> GenServer.call(me, {:refill, key}, @call_timeout) end) #~ otp/call-self
    {:noreply, state}
  end

  def handle_cast(:reset, state) do
    self() |> GenServer.call(:buckets) #~ otp/call-self
    {:noreply, state}
  end

  @impl true
  def handle_info(:report, state) do
    :telemetry.execute([:my_app, :rate_limiter], %{buckets: map_size(buckets())}) #~ otp/call-self
    {:noreply, state}
  end

  def handle_info({:refill, key}, state) do
    refill(RateLimiter, key) #~ otp/call-self
    {:noreply, state}
  end

  def handle_info({:check, key}, state) do
    _ = __MODULE__.allow?(key) #~ otp/call-self
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end
