defmodule MyApp.RemoteWorker do
  @moduledoc """
  Starts a worker on the node that holds the data. The remote start waits as long
  as a local `GenServer.start/3` would; the remote report is real work and waits
  without a limit.
  """
  use GenServer

  def start(node, args) when node == node() do
    GenServer.start(__MODULE__, args)
  end

  def start(node, args) do
    with {:ok, pid} <- :rpc.call(node, GenServer, :start, [__MODULE__, args, []]) do
      Process.link(pid)
      {:ok, pid}
    end
  end

  # A start function of code loaded onto the node, matched as a start's result: it
  # waits as long as the start does, and a timeout would lose the pid.
  def boot_helper(node) do
    {:ok, _} = :rpc.call(node, :my_app_node_helper, :start, [])
    :ok
  end

  # The same name without the start's result matched: nothing says it starts anything.
  def ping_helper(node) do
    :rpc.call(node, :my_app_node_helper, :start, []) #~ otp/infinity-timeout
  end

  # The named table's id: a lookup that answers at once.
  def config_table?(node) do
    :rpc.call(node, :ets, :whereis, [:my_app_config]) != :undefined #~ otp/infinity-timeout
  end

  def report(node, id) do
    :rpc.call(node, MyApp.Reports, :build, [id]) #~ otp/infinity-timeout
  end

  @impl true
  def init(args), do: {:ok, args}
end
