defmodule MyApp.PodTunnel do
  @moduledoc """
  Forwards a local port to a pod while the pod's main process lives. A linked
  watcher reports pod events to the caller while the tunnel opens; the server does
  not trap exits, so the link can bring no `:EXIT` message. One clause takes every
  message of any port (`when is_port(port)`).
  """
  use GenServer, restart: :temporary

  def start_link({exe, pid, caller}), do: GenServer.start_link(__MODULE__, {exe, pid, caller})

  @impl true
  def init(args), do: {:ok, %{mon: nil}, {:continue, {:open, args}}}

  @impl true
  def handle_continue({:open, {exe, pid, caller}}, state) do
    watcher = spawn_link(fn -> report_events(caller) end)
    port = Port.open({:spawn_executable, exe}, [:binary])
    Process.exit(watcher, :normal)
    {:noreply, %{state | mon: Process.monitor(pid)} |> Map.put(:port, port)}
  end

  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) when ref == state.mon do
    {:stop, :shutdown, state}
  end

  def handle_info({port, _message}, state) when is_port(port) do #~ otp/handle-info-catch-all
    {:noreply, state}
  end

  defp report_events(caller), do: send(caller, {:pod_event, "scheduled"})
end
