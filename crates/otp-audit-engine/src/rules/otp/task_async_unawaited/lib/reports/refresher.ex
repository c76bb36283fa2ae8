defmodule Reports.Refresher do
  @moduledoc "Rebuilds the daily report on a timer; the task starts in a helper."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    Process.send_after(self(), :refresh, :timer.minutes(5))
    {:ok, %{task: nil, report: nil}}
  end

  @impl true
  def handle_info(:refresh, state), do: {:noreply, start_build(state, :daily)}

  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state), do: {:noreply, state}

  @impl true
  def handle_cast({:rebuild, kind}, state), do: {:noreply, rebuild(state, kind)}

  # Called from handle_cast/2 through rebuild/2: still the server's task.
  defp rebuild(state, kind) do
    Reports.Audit.log(:rebuild)
    start_build(state, kind)
  end

  defp start_build(state, kind) do
    %{state | task: Task.async(fn -> Reports.Builder.build(kind) end)} #~ otp/task-async-unawaited
  end
end

defmodule Reports.Archiver do
  @moduledoc "Same shape, but the reply is handled: no finding."
  use GenServer

  @impl true
  def init(_opts), do: {:ok, %{task: nil}}

  @impl true
  def handle_cast(:archive, state), do: {:noreply, start_archive(state)}

  @impl true
  def handle_info({ref, _result}, %{task: %Task{ref: ref}} = state) do
    Process.demonitor(ref, [:flush])
    {:noreply, %{state | task: nil}}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  defp start_archive(state), do: %{state | task: Task.async(&Reports.Builder.archive/0)}
end

defmodule Reports.Exporter do
  @moduledoc "The helper's task is shut down when the server stops: no finding."
  use GenServer

  @impl true
  def init(_opts), do: {:ok, %{task: nil}}

  @impl true
  def handle_cast(:export, state), do: {:noreply, start_export(state)}

  @impl true
  def terminate(_reason, %{task: task}) when task != nil, do: Task.shutdown(task)
  def terminate(_reason, _state), do: :ok

  defp start_export(state), do: %{state | task: Task.async(&Reports.Builder.export/0)}
end

defmodule Reports.Formatter do
  @moduledoc "A helper no callback calls is left alone (its caller decides)."
  use GenServer

  @impl true
  def init(_opts), do: {:ok, %{}}

  def format_async(report), do: spawn_format(report)

  defp spawn_format(report), do: Task.async(fn -> Reports.Builder.format(report) end)
end
