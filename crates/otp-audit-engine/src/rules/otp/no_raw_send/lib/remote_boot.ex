defmodule MyApp.RemoteBoot do
  @moduledoc "Boots a remote worker node step by step and reports progress to the process that asked for it."
  use GenServer, restart: :temporary

  def start_link({target, caller}), do: GenServer.start_link(__MODULE__, {target, caller})

  @impl true
  def init({target, caller}) do
    {:ok, %{target: target, node: nil}, {:continue, {:boot, target, caller}}}
  end

  @impl true
  def handle_continue({:boot, target, caller}, state) do
    step(caller, "reserve host", fn -> reserve(target) end)

    {:ok, watcher} =
      Task.start_link(fn ->
        for line <- boot_log(target), do: send(caller, {:boot_log, self(), line}) #~ otp/no-raw-send
      end)

    node = step(caller, "start node", fn -> start_node(target) end)
    send(watcher, :stop) #~ otp/no-raw-send
    send(caller, {:boot_done, self(), node}) #~ otp/no-raw-send
    {:noreply, %{state | node: node}}
  end

  @impl true
  def handle_info(:poll, state) do
    # A pid from the state's target, not from the starter.
    step(state.target.monitor, "poll", fn -> :ok end)
    {:noreply, state}
  end

  def handle_info(_other, state), do: {:noreply, state}

  # Called with the starter's pid, and once with another process: stays a warning.
  defp step(pid, name, fun) do
    send(pid, {:boot_step, self(), name}) #~ otp/no-raw-send
    fun.()
  end

  defp reserve(target), do: {:ok, target}
  defp start_node(target), do: :"worker@#{target.host}"
  defp boot_log(_target), do: []
end
