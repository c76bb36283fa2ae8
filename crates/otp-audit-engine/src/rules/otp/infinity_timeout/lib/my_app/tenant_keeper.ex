defmodule MyApp.TenantKeeper do
  @moduledoc """
  Starts one tenant process tree per caller under a DynamicSupervisor and ties its
  life to the caller: when the caller exits, the tree is stopped. The client waits
  `:infinity`, as `DynamicSupervisor.start_child/2` does.
  """
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)

  # A supervisor wrapper: the handler starts the child and keeps books.
  def open(sup, spec), do: GenServer.call(__MODULE__, {:open, sup, spec}, :infinity)

  # A supervisor wrapper: the handler stops the child through a private helper.
  def close(ref), do: GenServer.call(__MODULE__, {:close, ref}, :infinity)

  # Answers from its state at once: info, no advice to hand work to a task.
  def open_count, do: GenServer.call(__MODULE__, :open_count, :infinity) #~ otp/infinity-timeout

  # Control: reading a remote tenant's status may wait on that tenant.
  def status(ref), do: GenServer.call(__MODULE__, {:status, ref}, :infinity) #~ otp/infinity-timeout

  # Control: starting a child and then waiting on it without a bound is not bookkeeping.
  def open_and_warm(sup, spec), do: GenServer.call(__MODULE__, {:open_and_warm, sup, spec}, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(:ok), do: {:ok, %{tenants: %{}, started_at: System.monotonic_time()}}

  @impl true
  def handle_call({:open, sup, spec}, {caller, _}, state) do
    case DynamicSupervisor.start_child(sup, spec) do
      {:ok, pid} ->
        ref = Process.monitor(caller)
        Process.link(caller)
        {:reply, {:ok, ref}, put_in(state.tenants[ref], {sup, pid})}

      error ->
        {:reply, error, state}
    end
  end

  def handle_call({:close, ref}, _from, state) do
    case Map.pop(state.tenants, ref) do
      {{_sup, pid}, tenants} ->
        stop_tree(pid)
        Process.demonitor(ref, [:flush])
        {:reply, :ok, %{state | tenants: tenants}}

      {nil, _} ->
        {:reply, :not_found, state}
    end
  end

  def handle_call(:open_count, _from, state) do
    {:reply, %{open: map_size(state.tenants), owner: self()}, state}
  end

  def handle_call({:status, ref}, _from, state) do
    {_sup, pid} = Map.fetch!(state.tenants, ref)
    {:reply, GenServer.call(pid, :status, :infinity), state} #~ otp/infinity-timeout
  end

  def handle_call({:open_and_warm, sup, spec}, _from, state) do
    {:ok, pid} = DynamicSupervisor.start_child(sup, spec)
    :ok = GenServer.call(pid, :warm_caches, :infinity) #~ otp/infinity-timeout
    {:reply, {:ok, pid}, state}
  end

  defp stop_tree(pid) do
    :sys.terminate(pid, :shutdown, :infinity)
  catch
    :exit, _ -> :ok
  end
end
