defmodule MyApp.Pinger do
  use GenServer

  def ping(server) do
    ref = make_ref()
    :ok = GenServer.cast(server, {:ping, {self(), ref}})
    {:ok, ref}
  end

  # The caller waits here for the answer that handle_info sends back.
  def ping_sync(server, timeout \\ 5_000) do
    {:ok, ref} = ping(server)

    receive do
      {MyApp.Pinger, {:pong, ^ref, round_trip}} -> {:ok, round_trip}
    after
      timeout -> {:error, :timeout}
    end
  end

  @impl true
  def init(socket), do: {:ok, %{socket: socket, waiting: :queue.new()}}

  @impl true
  def handle_cast({:ping, caller}, state) do
    :ok = :gen_tcp.send(state.socket, "PING")
    started = System.monotonic_time(:microsecond)
    {:noreply, %{state | waiting: :queue.in({caller, started}, state.waiting)}}
  end

  @impl true
  def handle_info({:tcp, _socket, "PONG"}, state) do
    {{:value, {{caller, ref}, started}}, waiting} = :queue.out(state.waiting)
    send(caller, {MyApp.Pinger, {:pong, ref, System.monotonic_time(:microsecond) - started}})
    send(caller, {MyApp.Stats, :pinged, ref}) #~ otp/no-raw-send
    {:noreply, %{state | waiting: waiting}}
  end
end
