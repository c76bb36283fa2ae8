defmodule Courier.RouteLease do
  @moduledoc """
  Grants drivers exclusive leases on delivery routes. A lease ends when the driver
  releases it or its process dies; stale `:DOWN` and timer messages are flushed
  with a zero-timeout `receive`, which never waits.
  """
  use GenServer

  require Logger

  @sweep_every :timer.minutes(1)

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def lease(route_id), do: GenServer.call(__MODULE__, {:lease, route_id}, 5_000)
  def release(route_id), do: GenServer.call(__MODULE__, {:release, route_id}, 5_000)

  @impl true
  def init(_opts) do
    {:ok, %{leases: %{}, sweep: schedule_sweep()}}
  end

  @impl true
  def handle_call({:lease, route_id}, {driver, _tag}, state) do
    case Map.fetch(state.leases, route_id) do
      {:ok, {holder, _ref}} ->
        {:reply, {:error, {:held_by, holder}}, state}

      :error ->
        ref = Process.monitor(driver)
        {:reply, :ok, put_in(state.leases[route_id], {driver, ref})}
    end
  end

  def handle_call({:release, route_id}, _from, state) do
    case Map.pop(state.leases, route_id) do
      {nil, _leases} ->
        {:reply, {:error, :not_leased}, state}

      {{_driver, ref}, leases} ->
        Process.demonitor(ref)
        flush_down(ref)
        {:reply, :ok, %{state | leases: leases}}
    end
  end

  def handle_call(:sweep_now, _from, state) do
    Process.cancel_timer(state.sweep)

    receive do
      :sweep -> :ok
    after
      0 -> :ok
    end

    {:reply, :ok, %{state | sweep: schedule_sweep()}}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, driver, reason}, state) do
    Logger.info("driver #{inspect(driver)} left: #{inspect(reason)}")
    leases = Map.reject(state.leases, fn {_route, {_driver, lease_ref}} -> lease_ref == ref end)
    {:noreply, %{state | leases: leases}}
  end

  def handle_info(:sweep, state) do
    Logger.debug("#{map_size(state.leases)} routes leased")
    {:noreply, %{state | sweep: schedule_sweep()}}
  end

  def handle_info(msg, state) do
    Logger.warning("unexpected message: #{inspect(msg)}")
    {:noreply, state}
  end

  defp schedule_sweep, do: Process.send_after(self(), :sweep, @sweep_every)

  defp flush_down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, _} -> :ok
    after 0 ->
      :ok
    end
  end
end
