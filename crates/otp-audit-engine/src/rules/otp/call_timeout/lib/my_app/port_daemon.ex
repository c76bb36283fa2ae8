defmodule MyApp.PortDaemon do
  # Runs an OS program under a port. Asking for its OS pid reads what the runtime
  # knows of the port: answered at once (info). Reading its cgroup's files is work.
  use GenServer

  def start_link(cmd), do: GenServer.start_link(__MODULE__, cmd)

  def os_pid(server), do: GenServer.call(server, :os_pid) #~ otp/call-timeout

  def memory_use(server), do: GenServer.call(server, :memory_use) #~ otp/call-timeout

  @impl true
  def init(cmd) do
    port = Port.open({:spawn_executable, cmd}, [:binary, :exit_status])
    {:ok, %{port: port, cgroup: "/sys/fs/cgroup/my_app"}}
  end

  @impl true
  def handle_call(:os_pid, _from, %{port: nil} = state), do: {:reply, :error, state}

  def handle_call(:os_pid, _from, state) do
    reply =
      case Port.info(state.port, :os_pid) do
        {:os_pid, pid} -> pid
        nil -> :error
      end

    {:reply, reply, state}
  end

  def handle_call(:memory_use, _from, state) do
    {:reply, File.read(Path.join(state.cgroup, "memory.current")), state}
  end

  @impl true
  def handle_info({port, {:exit_status, status}}, %{port: port} = state) do
    {:stop, {:exit_status, status}, %{state | port: nil}}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end
