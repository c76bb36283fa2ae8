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

  def report(node, id) do
    :rpc.call(node, MyApp.Reports, :build, [id]) #~ otp/infinity-timeout
  end

  @impl true
  def init(args), do: {:ok, args}
end
