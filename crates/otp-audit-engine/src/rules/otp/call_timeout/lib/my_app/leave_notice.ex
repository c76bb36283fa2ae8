defmodule MyApp.LeaveNotice do
  @moduledoc "Tells the cluster registry this node is leaving when it is shut down."
  use GenServer

  def start_link(registry), do: GenServer.start_link(__MODULE__, registry)

  @impl true
  def init(registry) do
    Process.flag(:trap_exit, true)
    {:ok, registry}
  end

  @impl true
  def terminate(_reason, registry) do
    :ok = GenServer.call(registry, :node_leaving) #~ otp/call-timeout
  end
end

defmodule MyApp.SlowLeaveNotice do
  @moduledoc "The same with a longer shutdown: the call's own timeout can fire first."
  use GenServer, shutdown: 30_000

  def start_link(registry), do: GenServer.start_link(__MODULE__, registry)

  @impl true
  def init(registry) do
    Process.flag(:trap_exit, true)
    {:ok, registry}
  end

  @impl true
  def terminate(_reason, registry) do
    :ok = GenServer.call(registry, :node_leaving) #~ otp/call-timeout
  end
end
