defmodule MyApp.RangeCatchup do
  @moduledoc """
  Catches up on missing order ranges in the background: one task at a time,
  whose result is a summary map, or `{:error, :timeout}` when the source is slow.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    # To run terminate/2 on shutdown; the tasks are not linked (async_nolink).
    Process.flag(:trap_exit, true)
    send(self(), :catchup)
    {:ok, %{source: Keyword.fetch!(opts, :source), task: nil}}
  end

  @impl true
  def handle_info(:catchup, state) do
    task = Task.Supervisor.async_nolink(MyApp.TaskSupervisor, MyApp.Ranges, :fill, [state.source])
    {:noreply, %{state | task: task}}
  end

  def handle_info({ref, %{missing: missing}}, %{task: %Task{ref: ref}} = state) when missing > 0 do
    Process.demonitor(ref, [:flush])
    send(self(), :catchup)
    {:noreply, %{state | task: nil}}
  end

  def handle_info({ref, %{missing: 0}}, %{task: %Task{ref: ref}} = state) do
    Process.demonitor(ref, [:flush])
    Process.send_after(self(), :catchup, 60_000)
    {:noreply, %{state | task: nil}}
  end

  def handle_info({ref, {:error, :timeout}}, %{task: %Task{ref: ref}} = state) do #~ otp/handle-info-catch-all
    Process.demonitor(ref, [:flush])
    send(self(), :catchup)
    {:noreply, %{state | task: nil}}
  end

  @impl true
  def terminate(_reason, state), do: MyApp.Ranges.checkpoint(state.source)
end
