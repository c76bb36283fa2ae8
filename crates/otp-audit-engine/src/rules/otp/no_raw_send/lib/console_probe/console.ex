# fixture: needs the project
defmodule ConsoleProbe.Console do
  @moduledoc "Serves one device's console; answers presence probes sent by broadcast."
  use GenServer

  def start_link(device_id), do: GenServer.start_link(__MODULE__, device_id)

  @impl true
  def init(device_id) do
    :ok = Phoenix.PubSub.subscribe(ConsoleProbe.PubSub, "console:#{device_id}")
    {:ok, %{device_id: device_id, auditor: nil}}
  end

  @impl true
  def handle_info({:open?, pid}, state) do
    send(pid, :open)
    {:noreply, state}
  end

  def handle_info({:audit_to, pid}, state) do
    send(pid, {:audit, state.device_id}) #~ otp/no-raw-send
    {:noreply, %{state | auditor: pid}}
  end

  def handle_info(:closed, state) do
    send(state.auditor, {:closed, state.device_id}) #~ otp/no-raw-send
    {:noreply, state}
  end
end
