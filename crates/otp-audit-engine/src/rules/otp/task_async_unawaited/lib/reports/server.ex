defmodule Reports.Server do
  @moduledoc "Refreshes reports in the background; forgot the reply handler."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{task: nil, last: nil}}

  @impl true
  def handle_cast(:refresh, state) do
    task = Task.async(fn -> Reports.Builder.build(:daily) end) #~ otp/task-async-unawaited
    {:noreply, %{state | task: task}}
  end

  def handle_cast(:refresh_and_forget, state) do
    task = Task.async(fn -> Reports.Builder.build(:weekly) end) #~ otp/task-async-unawaited
    Reports.Audit.log(:refresh)
    {:noreply, state}
  end

  @impl true
  def handle_call(:refresh_now, _from, state) do
    {:reply, :ok, %{state | task: Task.async(fn -> Reports.Builder.build(:hourly) end)}} #~ otp/task-async-unawaited
  end

  def handle_call(:build_now, _from, state) do
    report = Task.async(fn -> Reports.Builder.build(:now) end) |> Task.await(15_000)
    {:reply, report, %{state | last: report}}
  end

  @impl true
  def handle_info(:tick, state), do: {:noreply, state}
  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state), do: {:noreply, state}
end
