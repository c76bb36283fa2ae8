defmodule MyApp.LeaseStore do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def find(key), do: GenServer.call(__MODULE__, {:find, key})  #~ otp/call-timeout

  def sample?(rate), do: GenServer.call(__MODULE__, {:sample?, rate})  #~ otp/call-timeout

  def store(key, lease), do: GenServer.call(__MODULE__, {:store, key, lease})  #~ otp/call-timeout

  def renew(key), do: GenServer.call(__MODULE__, {:renew, key})  #~ otp/call-timeout

  @impl true
  def init(_opts), do: {:ok, %{}}

  # The reply is built by a private helper at the end of the pipeline.
  @impl true
  def handle_call({:find, key}, _from, state) do
    state
    |> Map.fetch(key)
    |> drop_expired(:os.system_time(:second))
    |> reply(state, key)
  end

  def handle_call({:sample?, rate}, _from, state) do
    {:reply, :rand.uniform() < rate, state}
  end

  def handle_call({:store, key, lease}, _from, state) do
    {:ok, timer} = :timer.apply_after(lease.ttl_ms, __MODULE__, :expire, [key])
    {:reply, timer, Map.put(state, key, lease)}
  end

  # The helper defers the answer: the caller waits for the renewal.
  def handle_call({:renew, key}, from, state) do
    state |> Map.fetch(key) |> start_renewal(from, state)
  end

  def expire(key), do: key

  defp drop_expired({:ok, %{expires: expires}}, now) when expires < now, do: :error
  defp drop_expired(found, _now), do: found

  defp reply(:error, state, key), do: {:reply, :error, Map.delete(state, key)}
  defp reply(found, state, _key), do: {:reply, found, state}

  defp start_renewal(found, from, state), do: {:noreply, Map.put(state, :waiting, {from, found})}
end
