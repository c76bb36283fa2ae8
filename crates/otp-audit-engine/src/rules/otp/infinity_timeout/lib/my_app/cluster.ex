defmodule MyApp.Cluster do
  @moduledoc """
  Bounded waits everywhere. `:infinity` is fine where it is not a wait for a
  reply, such as a child spec's shutdown or `GenServer.stop/3`.
  """
  use Supervisor

  @call_timeout 5_000
  @rpc_timeout :timer.seconds(5)

  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    children = [
      %{id: MyApp.Cluster.Monitor, start: {MyApp.Cluster.Monitor, :start_link, []}, shutdown: :infinity}
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end

  def members(server), do: GenServer.call(server, :members, @call_timeout)

  def remote_load(node), do: :rpc.call(node, :cpu_sup, :avg1, [], @rpc_timeout)

  def remote_uptime(node), do: :erpc.call(node, :erlang, :statistics, [:wall_clock], 5_000)

  def stop_member(pid), do: GenServer.stop(pid, :normal, :infinity)

  def results(tasks), do: Task.await_many(tasks, 10_000)

  def poll(task), do: Task.yield(task, 0)

  def fetch(server, timeout \\ 5_000), do: GenServer.call(server, :fetch, timeout)
end
