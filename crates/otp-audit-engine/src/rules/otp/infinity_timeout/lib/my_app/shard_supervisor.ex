defmodule MyApp.ShardSupervisor do
  @moduledoc """
  A supervisor of shard workers written as a GenServer (it places children by key).
  Its client API waits :infinity, as Supervisor's does: start_child waits for the
  child's init/1 and terminate_child for its shutdown.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  def start_child(sup, spec), do: call(sup, {:start_child, spec})
  def terminate_child(sup, pid), do: call(sup, {:terminate_child, pid})
  def which_children(sup), do: call(sup, :which_children)

  defp call(sup, request), do: GenServer.call(sup, request, :infinity)

  @impl true
  def init(_opts) do
    Process.flag(:trap_exit, true)
    {:ok, %{children: %{}}}
  end

  @impl true
  def handle_call({:start_child, {mod, fun, args}}, _from, state) do
    case apply(mod, fun, args) do
      {:ok, pid} -> {:reply, {:ok, pid}, put_in(state.children[pid], {mod, fun, args})}
      other -> {:reply, other, state}
    end
  end

  def handle_call({:terminate_child, pid} = _request, _from, state) do
    Process.exit(pid, :shutdown)
    {:reply, :ok, %{state | children: Map.delete(state.children, pid)}}
  end

  def handle_call(:which_children, _from, state) do
    {:reply, Map.keys(state.children), state}
  end

  @impl true
  def handle_info({:EXIT, pid, _reason}, state) do
    {:noreply, %{state | children: Map.delete(state.children, pid)}}
  end
end

defmodule MyApp.ShardLookup do
  @moduledoc "Looks shards up; it answers one supervisor-like request but is no supervisor."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def which_children, do: GenServer.call(__MODULE__, :which_children, :infinity) #~ otp/infinity-timeout

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_call(:which_children, _from, state), do: {:reply, Map.keys(state), state}
end
