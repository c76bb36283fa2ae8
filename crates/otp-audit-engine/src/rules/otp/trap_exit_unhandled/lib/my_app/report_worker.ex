defmodule MyApp.ReportWorker do
  @moduledoc "Runs one report in a linked task and learns how it ended through a monitor."
  use GenServer

  def start_link(report), do: GenServer.start_link(__MODULE__, report)

  @impl true
  def init(report), do: {:ok, %{report: report, task: nil}, {:continue, :run}}

  @impl true
  def handle_continue(:run, state) do
    {:noreply, %{state | task: run(state.report)}}
  end

  @impl true
  def handle_info({:DOWN, _ref, :process, _pid, :normal}, state) do
    {:stop, :normal, state}
  end

  def handle_info({:DOWN, _ref, :process, _pid, reason}, state) do
    MyApp.Reports.failed(state.report, reason)
    {:stop, :normal, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  defp run(report) do
    # Linked so the task dies with us, trapped so we outlive it, monitored to learn why.
    Process.flag(:trap_exit, true)
    {:ok, pid} = Task.start_link(fn -> MyApp.Reports.build(report) end)
    Process.monitor(pid)
    pid
  end
end

defmodule MyApp.ExportWorker do
  @moduledoc "Same shape, but the linked task is never monitored: its crash meets only the catch-all."
  use GenServer

  def start_link(export), do: GenServer.start_link(__MODULE__, export)

  @impl true
  def init(export) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    {:ok, _pid} = Task.start_link(fn -> MyApp.Exports.build(export) end)
    {:ok, export}
  end

  @impl true
  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state), do: {:stop, :normal, state}
  def handle_info(_msg, state), do: {:noreply, state}
end
