defmodule MyApp.Permits do
  @moduledoc "A counting semaphore: `acquire/2` waits its turn for a permit."
  use GenServer

  def start_link(limit), do: GenServer.start_link(__MODULE__, limit, name: __MODULE__)

  # Waiting in line is the contract: the server answers when a permit is free.
  def acquire(server \\ __MODULE__, weight), do: GenServer.call(server, {:acquire, weight}, :infinity)

  # The server answers at once: an infinite wait here only hides a stuck server.
  def available(server \\ __MODULE__), do: GenServer.call(server, :available, :infinity) #~ otp/infinity-timeout

  def release(server \\ __MODULE__, weight), do: GenServer.cast(server, {:release, weight})

  @impl true
  def init(limit), do: {:ok, %{free: limit, waiting: :queue.new()}}

  @impl true
  def handle_call({:acquire, weight}, from, %{free: free} = state) when free < weight do
    {:noreply, %{state | waiting: :queue.in({from, weight}, state.waiting)}}
  end

  def handle_call({:acquire, weight}, _from, state) do
    {:reply, :ok, %{state | free: state.free - weight}}
  end

  def handle_call(:available, _from, state), do: {:reply, state.free, state}

  @impl true
  def handle_cast({:release, weight}, state) do
    {:noreply, %{state | free: state.free + weight}}
  end
end
