defmodule MyApp.ConnectionPool do
  @moduledoc "Starts linked connection processes and hands them out."
  use GenServer

  @call_timeout 5_000

  def start_link(size), do: GenServer.start_link(__MODULE__, size, name: __MODULE__)

  def checkout, do: GenServer.call(__MODULE__, :checkout, @call_timeout)

  @impl true
  def init(size) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    conns = for _ <- 1..size, do: MyApp.Connection.start_link!()
    {:ok, %{idle: conns, busy: %{}}}
  end

  @impl true
  def handle_call(:checkout, {pid, _}, %{idle: [conn | rest]} = state) do
    {:reply, {:ok, conn}, %{state | idle: rest, busy: Map.put(state.busy, conn, pid)}}
  end

  def handle_call(:checkout, _from, state), do: {:reply, {:error, :empty}, state}

  @impl true
  def handle_info({:checkin, conn}, state) do
    {:noreply, %{state | idle: [conn | state.idle], busy: Map.delete(state.busy, conn)}}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end
