defmodule MyApp.GuardedRegistry do
  @moduledoc """
  Every callback runs inside `with_logged_errors/1`, which hands the request to
  `do_handle_call/3`. `register/1` only monitors and stores; `hits/0` reads a counter;
  `sync/0` holds the caller until every member has checked in.
  """
  use GenServer
  require Logger

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)

  def register(pid), do: GenServer.call(__MODULE__, {:register, pid}) #~ otp/call-timeout
  def hits, do: GenServer.call(__MODULE__, :hits) #~ otp/call-timeout
  def sync, do: GenServer.call(__MODULE__, :sync) #~ otp/call-timeout

  @impl true
  def init(:ok), do: {:ok, %{members: %{}, waiting: [], counter: :atomics.new(1, [])}}

  @impl true
  def handle_call(request, from, state) do
    with_logged_errors(fn -> do_handle_call(request, from, state) end)
  end

  defp do_handle_call({:register, pid}, _from, state) do
    ref = Process.monitor(pid)
    {:reply, :ok, put_in(state, [:members, pid], ref)}
  end

  defp do_handle_call(:hits, _from, state) do
    {:reply, :atomics.get(state.counter, 1), state}
  end

  defp do_handle_call(:sync, from, state) do
    {:noreply, %{state | waiting: [from | state.waiting]}}
  end

  @impl true
  def handle_info({:DOWN, _ref, :process, pid, _reason}, state) do
    {:noreply, %{state | members: Map.delete(state.members, pid)}}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  defp with_logged_errors(fun) do
    fun.()
  rescue
    error ->
      Logger.error(Exception.message(error))
      reraise error, __STACKTRACE__
  end
end
