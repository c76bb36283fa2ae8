defmodule MyApp.Throttle do
  @moduledoc """
  Hands out send permits. Every request below replies at once: it reads the state,
  writes to the server's own ETS table, re-arms a timer, or flips a flag, directly
  or through a private helper. `sync_peers/1` asks another server and waits.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def register(pid, quota), do: GenServer.call(__MODULE__, {:register, pid, quota}) #~ otp/call-timeout
  def retune(opts), do: GenServer.call(__MODULE__, {:retune, opts}) #~ otp/call-timeout
  def holder(id), do: GenServer.call(__MODULE__, {:holder, id}) #~ otp/call-timeout
  def trap_exits, do: GenServer.call(__MODULE__, :trap_exits) #~ otp/call-timeout
  def clear, do: GenServer.call(__MODULE__, :clear) #~ otp/call-timeout
  def sync_peers(peer), do: GenServer.call(__MODULE__, {:sync_peers, peer}) #~ otp/call-timeout

  @impl true
  def init(opts) do
    table = :ets.new(__MODULE__, [:set, :protected])
    {:ok, %{table: table, every: Keyword.get(opts, :every, 1_000), timer: nil, holders: %{}}}
  end

  @impl true
  def handle_call({:register, pid, quota}, _from, state) do
    ref = Process.monitor(pid)
    true = :ets.insert(state.table, {pid, ref, quota})
    {:reply, :ok, state}
  end

  def handle_call({:retune, opts}, _from, state) do
    state = %{state | every: Keyword.get(opts, :every, state.every)}

    if Keyword.get(opts, :restart, false) do
      cancel_refill(state.timer)
      {:reply, :ok, %{state | timer: schedule_refill(state.every)}}
    else
      {:reply, :ok, state}
    end
  end

  def handle_call({:holder, id}, _from, state) do
    {:reply, find_holder(state, id), state}
  end

  def handle_call(:trap_exits, _from, state) do
    Process.flag(:trap_exit, true)
    {:reply, :ok, state}
  end

  def handle_call(:clear, _from, state) do
    :ets.delete_all_objects(state.table)
    {:reply, :ok, %{state | holders: %{}}}
  end

  def handle_call({:sync_peers, peer}, _from, state) do
    {:reply, pull_from(peer), state}
  end

  @impl true
  def handle_info(:refill, state), do: {:noreply, %{state | timer: schedule_refill(state.every)}}
  def handle_info(_other, state), do: {:noreply, state}

  defp find_holder(state, id) do
    case Map.get(state.holders, id) do
      pid when is_pid(pid) -> {:ok, pid}
      nil -> {:error, :unknown_holder}
    end
  end

  defp schedule_refill(every), do: Process.send_after(self(), :refill, every)

  defp cancel_refill(nil), do: :ok

  defp cancel_refill(timer) do
    if Process.cancel_timer(timer) == false do
      receive do
        :refill -> :ok
      after
        0 -> :ok
      end
    end
  end

  # The peer is another server: this handler waits for it.
  defp pull_from(peer), do: GenServer.call(peer, :snapshot, 2_000)
end
