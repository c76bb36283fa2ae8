defmodule MyApp.ScriptRunner do
  @moduledoc false
  # Runs scripts in supervised tasks; every task gives back {result, output}, so the
  # reply clause takes every reply, and the :DOWN clause every :DOWN.
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def run(script), do: GenServer.cast(__MODULE__, {:run, script})

  @impl true
  def init(_opts), do: {:ok, %{running: %{}}}

  @impl true
  def handle_cast({:run, script}, state) do
    task =
      Task.Supervisor.async_nolink(MyApp.ScriptSupervisor, fn ->
        try do
          Code.eval_string(script)
        catch
          kind, reason -> {nil, Exception.format_banner(kind, reason, __STACKTRACE__)}
        else
          {result, _binding} -> {result, ""}
        end
      end)

    {:noreply, put_in(state.running[task.ref], script)}
  end

  @impl true
  def handle_info({ref, {result, output}}, state) do
    Process.demonitor(ref, [:flush])
    Logger.info("script done: #{inspect(result)} #{output}")
    {:noreply, %{state | running: Map.delete(state.running, ref)}}
  end

  def handle_info({:DOWN, ref, :process, _pid, reason}, state) do #~ otp/handle-info-catch-all
    Logger.warning("script crashed: #{inspect(reason)}")
    {:noreply, %{state | running: Map.delete(state.running, ref)}}
  end
end

defmodule MyApp.ScriptRunnerLoose do
  @moduledoc false
  # One path of the task's function returns a bare atom: that reply has no clause.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_cast({:run, script}, state) do
    Task.Supervisor.async_nolink(MyApp.ScriptSupervisor, fn ->
      if script == "", do: :empty, else: {Code.eval_string(script), ""}
    end)

    {:noreply, state}
  end

  @impl true
  def handle_info({ref, {_result, _output}}, state) do
    Process.demonitor(ref, [:flush])
    {:noreply, state}
  end

  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state), do: {:noreply, state} #~ otp/handle-info-catch-all
end
