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

  def handle_info({:attach, pid}, state) do
    {:noreply, run_effects(state, [{:replay, pid}])}
  end

  def handle_info({:mirror_to, pid}, state) do
    {:noreply, run_effects(state, [{:mirror, pid}])}
  end

  def handle_info(:closed, state) do
    send(state.auditor, {:closed, state.device_id}) #~ otp/no-raw-send
    {:noreply, state}
  end

  defp run_effects(state, effects), do: Enum.reduce(effects, state, &run_effect(&2, &1))

  defp run_effect(state, {:replay, pid}) do
    send(pid, {:history, state.device_id})
    state
  end

  defp run_effect(state, {:mirror, pid}) do
    send(pid, {:mirrored, state.device_id}) #~ otp/no-raw-send
    state
  end
end
