defmodule MyApp.TunnelOwner do
  @moduledoc """
  Opens a tunnel to a remote node in `handle_continue/2` and keeps it while the
  node's main process lives. Its one process monitor's `:DOWN` is matched by a guard
  on the ref kept in state, the port's own monitor is dropped with `[:flush]`, and
  every message of the kept port has a clause.
  """
  use GenServer, restart: :temporary

  def start_link({exe, pid}), do: GenServer.start_link(__MODULE__, {exe, pid})

  @impl true
  def init({exe, pid}), do: {:ok, %{mon: nil, port: nil}, {:continue, {:open, exe, pid}}}

  @impl true
  def handle_continue({:open, exe, pid}, state) do
    port = open_tunnel(exe)
    {:noreply, %{state | mon: Process.monitor(pid), port: port}}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) when ref == state.mon do
    {:stop, :shutdown, state}
  end

  def handle_info({port, _message}, state) when state.port == port do #~ otp/handle-info-catch-all
    {:noreply, state}
  end

  defp open_tunnel(exe) do
    port = Port.open({:spawn_executable, exe}, [:binary])
    port_ref = Port.monitor(port)

    receive do
      {^port, {:data, "up" <> _}} -> :ok
      {:DOWN, ^port_ref, :port, _port, _reason} -> :ok
    after
      10_000 -> :ok
    end

    Port.demonitor(port_ref, [:flush])
    port
  end
end

defmodule MyApp.TunnelOwner.Deaf do
  @moduledoc "Control: the port's messages have no clause, so the port can crash it."
  use GenServer

  @impl true
  def init(exe), do: {:ok, %{port: nil}, {:continue, {:open, exe}}}

  @impl true
  def handle_continue({:open, exe}, state) do
    {:noreply, %{state | port: Port.open({:spawn_executable, exe}, [:binary])}}
  end

  @impl true
  def handle_info(:ping, state), do: {:noreply, state} #~ otp/handle-info-catch-all
end
