defmodule Shop.TillConnection do
  @moduledoc "One till: every scan runs in its own linked worker, never restarted."
  use Shop.ConnectionHandler

  @impl Shop.ConnectionHandler
  def handle_connection(socket), do: %{socket: socket, scans: %{}}

  @impl GenServer
  def handle_cast({:scan, scan_id, code}, state) do
    case Shop.ScanWorker.start_link(code) do
      {:ok, pid} -> {:noreply, put_in(state.scans[pid], scan_id)}
      {:error, reason} -> {:stop, reason, state}
    end
  end

  # The repricer's pid is dropped: its exit comes in as an unknown scan.
  def handle_cast(:reprice, state) do
    Shop.Repricer.start_link(state.socket) #~ otp/unsupervised-start
    {:noreply, state}
  end

  @impl GenServer
  def handle_info({:EXIT, pid, _reason}, state) do
    {_scan_id, scans} = Map.pop(state.scans, pid)
    {:noreply, %{state | scans: scans}}
  end
end
