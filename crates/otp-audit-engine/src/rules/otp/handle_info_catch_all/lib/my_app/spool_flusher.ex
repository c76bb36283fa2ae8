defmodule MyApp.SpoolFlusher do
  @moduledoc "Flushes the spool every second in a task, so its garbage dies with the task."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  def defer(server), do: GenServer.cast(server, :defer)

  @impl true
  def init(opts), do: {:ok, arm(Map.new(opts))}

  @impl true
  def handle_cast(:defer, state), do: {:noreply, state}

  # The task is awaited where it starts: no late reply or :DOWN can arrive (info).
  @impl true
  def handle_info(:flush, state) do #~ otp/handle-info-catch-all
    task = Task.async(fn -> MyApp.Spool.drain(state[:spool]) end)
    Task.await(task, 5_000) #~ otp/blocking-in-callback
    {:noreply, arm(state)}
  end

  defp arm(state), do: Map.put(state, :timer, Process.send_after(self(), :flush, 1_000))
end

defmodule MyApp.AgentKeeper do
  @moduledoc "Keeps an agent binary running; every message its port sends has a clause."
  use GenServer
  require Logger

  def start_link(cmd), do: GenServer.start_link(__MODULE__, cmd)

  @impl true
  def init(cmd), do: {:ok, %{cmd: cmd, port: open(cmd)}}

  @impl true
  def handle_info({_port, {:data, line}}, state) do
    Logger.debug(line)
    {:noreply, state}
  end

  def handle_info({_port, {:exit_status, code}}, state) do #~ otp/handle-info-catch-all
    Logger.warning("agent exited with #{code}")
    {:noreply, %{state | port: open(state.cmd)}}
  end

  defp open(cmd), do: Port.open({:spawn_executable, cmd}, [:binary, :exit_status])
end
