defmodule MyApp.Heartbeat do
  @moduledoc "Pings registered peers on a fixed interval."
  use GenServer

  @interval 5_000

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  end

  @impl true
  def init(opts) do
    :erlang.send_after(@interval, self(), :beat) #~ otp/no-erlang-send
    {:ok, %{peers: Keyword.get(opts, :peers, []), missed: 0}}
  end

  @impl true
  def handle_info(:beat, state) do
    Enum.each(state.peers, fn peer ->
      :erlang.send(peer, {:ping, self()}) #~ otp/no-erlang-send
    end)

    timer = :erlang.send_after(@interval, self(), :beat, []) #~ otp/no-erlang-send
    {:noreply, Map.put(state, :timer, timer)}
  end

  def handle_info({:pong, peer}, state) do
    :erlang.!(peer, :ack) #~ otp/no-erlang-send
    {:noreply, %{state | missed: 0}}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  def wake(node_name) do
    {__MODULE__, node_name}
    |> :erlang.send(:beat) #~ otp/no-erlang-send
  end

  def wake_local(pid) do
    :erlang.send(pid, :beat, [:noconnect]) #~ otp/no-erlang-send
  end

  def try_wake(pid) do
    :erlang.send_nosuspend(pid, :beat) #~ otp/no-erlang-send
  end

  def try_wake(pid, opts) do
    :erlang.send_nosuspend(pid, :beat, opts) #~ otp/no-erlang-send
  end
end
