defmodule MyApp.ShardedSupervisor do
  @moduledoc """
  A supervisor spread over the cluster. This module is the client API; the requests
  are served by `MyApp.ShardedSupervisor.Coordinator`, one per node.
  """
  use Supervisor

  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: opts[:name])

  @impl true
  def init(opts) do
    children = [{MyApp.ShardedSupervisor.Coordinator, opts}]
    Supervisor.init(children, strategy: :one_for_all)
  end

  def start_child(sup, spec), do: call(sup, {:start_child, spec})
  def terminate_child(sup, pid) when is_pid(pid), do: call(sup, {:terminate_child, pid})
  def which_children(sup), do: call(sup, :which_children)
  def count_children(sup), do: call(sup, :count_children)

  # Waits as Supervisor's own API does: start_child waits for the child's init/1.
  defp call(sup, request), do: GenServer.call(coordinator(sup), request, :infinity)

  defp coordinator(sup), do: :"#{sup}.Coordinator"
end

defmodule MyApp.ShardedSupervisor.Coordinator do
  @moduledoc "Serves the sharded supervisor's requests on this node."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: :"#{opts[:name]}.Coordinator")

  @impl true
  def init(opts), do: {:ok, %{children: %{}, opts: opts}}

  @impl true
  def handle_call({:start_child, spec}, _from, state) do
    {:ok, pid} = MyApp.ShardedSupervisor.Local.start_child(spec)
    {:reply, {:ok, pid}, put_in(state.children[pid], spec)}
  end

  def handle_call({:terminate_child, pid}, _from, state) do
    :ok = MyApp.ShardedSupervisor.Local.terminate_child(pid)
    {:reply, :ok, %{state | children: Map.delete(state.children, pid)}}
  end

  def handle_call(:which_children, _from, state), do: {:reply, Map.keys(state.children), state}
  def handle_call(:count_children, _from, state), do: {:reply, map_size(state.children), state}
end

defmodule MyApp.JobBoard do
  @moduledoc "Control: one supervisor-like name is not a supervisor's API."

  def start_child(board, job), do: GenServer.call(board, {:start_child, job}, :infinity) #~ otp/infinity-timeout
  def pending(board), do: GenServer.call(board, :pending, :infinity) #~ otp/infinity-timeout
end
