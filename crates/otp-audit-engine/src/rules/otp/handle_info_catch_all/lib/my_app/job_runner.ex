defmodule MyApp.JobRunner do
  @moduledoc "Runs jobs in tasks, one reply per job, and answers the caller later."
  use GenServer
  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def run(fun), do: GenServer.call(__MODULE__, {:run, fun}, 30_000)

  @impl true
  def init(_opts), do: {:ok, %{running: %{}}}

  @impl true
  def handle_call({:run, fun}, from, state) do
    task = Task.async(fun)
    {:noreply, put_in(state.running[task.ref], from)}
  end

  # Every task reply, and anything else shaped like one.
  @impl true
  def handle_info({ref, result}, state) when is_reference(ref) do
    case Map.pop(state.running, ref) do
      {nil, _running} ->
        Logger.warning("unknown reply #{inspect(result)}")
        {:noreply, state}

      {from, running} ->
        Process.demonitor(ref, [:flush])
        GenServer.reply(from, {:ok, result})
        {:noreply, %{state | running: running}}
    end
  end

  def handle_info({:DOWN, ref, _, _pid, reason}, state) do #~ otp/handle-info-catch-all
    {from, running} = Map.pop(state.running, ref)
    if from, do: GenServer.reply(from, {:error, reason})
    {:noreply, %{state | running: running}}
  end
end

defmodule MyApp.PickyJobRunner do
  @moduledoc "The same runner, taking only the replies of the tasks it knows."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: {:ok, %{running: %{}}}

  @impl true
  def handle_call({:run, fun}, from, state) do
    task = Task.async(fun)
    {:noreply, put_in(state.running[task.ref], from)}
  end

  @impl true
  def handle_info({ref, result}, state) when is_map_key(state.running, ref) do #~ otp/handle-info-catch-all
    {from, running} = Map.pop(state.running, ref)
    Process.demonitor(ref, [:flush])
    GenServer.reply(from, {:ok, result})
    {:noreply, %{state | running: running}}
  end
end
