defmodule MyApp.LeaseKeeper do
  @moduledoc """
  Hands out leases and takes them back when holders die. Flushing with
  `receive ... after 0` takes only what is already queued and never waits.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def acquire(key), do: GenServer.call(__MODULE__, {:acquire, key}, 5_000)

  @impl true
  def init(_opts), do: {:ok, %{leases: %{}, timer: nil}}

  @impl true
  def handle_call({:acquire, key}, {pid, _tag}, state) do
    ref = Process.monitor(pid)
    {:reply, :ok, put_in(state.leases[key], {pid, ref})}
  end

  def handle_call({:release, key}, _from, state) do
    {{_pid, ref}, leases} = Map.pop(state.leases, key)
    Process.demonitor(ref)
    # Drop a :DOWN that may already be queued for this lease.
    receive do
      {:DOWN, ^ref, :process, _, _} -> :ok
    after
      0 -> :ok
    end

    {:reply, :ok, %{state | leases: leases}}
  end

  def handle_call(:reschedule, _from, state) do
    {:reply, :ok, %{state | timer: restart_timer(state.timer)}}
  end

  def handle_call(:wait_for_holder, _from, state) do
    receive do #~ otp/blocking-in-callback
      {:holder_ready, pid} -> {:reply, {:ok, pid}, state}
    after
      50 -> {:reply, :timeout, state}
    end
  end

  @impl true
  def handle_info({:DOWN, _ref, :process, pid, _reason}, state) do
    leases = for {key, {holder, _}} = lease <- state.leases, holder != pid, into: %{}, do: lease
    _ = key_count(leases)
    {:noreply, %{state | leases: leases}}
  end

  def handle_info(:expire, state), do: {:noreply, %{state | timer: nil}}
  def handle_info(_msg, state), do: {:noreply, state}

  defp restart_timer(nil), do: Process.send_after(self(), :expire, 60_000)

  defp restart_timer(old) do
    Process.cancel_timer(old)
    # A timer that fired before the cancel left its message behind.
    receive do
      :expire -> :ok
    after 0 ->
      :ok
    end

    Process.send_after(self(), :expire, 60_000)
  end

  defp key_count(leases), do: map_size(leases)
end
