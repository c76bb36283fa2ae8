defmodule Reports.Poller do
  @moduledoc "Polls in a task and handles the reply message itself."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, %{task: nil, interval: Keyword.get(opts, :interval, 60_000)}}

  @impl true
  def handle_info(:poll, %{task: nil} = state) do
    task = Task.Supervisor.async(Reports.TaskSupervisor, fn -> Reports.Source.poll() end)
    {:noreply, %{state | task: task}}
  end

  def handle_info(:poll, state), do: {:noreply, state}

  def handle_info({ref, result}, %{task: %Task{ref: ref}} = state) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    Reports.Store.put(result)
    Process.send_after(self(), :poll, state.interval)
    {:noreply, %{state | task: nil}}
  end

  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state) do
    {:noreply, %{state | task: nil}}
  end
end
