defmodule MyApp.MetricsSink do
  @moduledoc """
  Folds metric events into an aggregate, in order. A plug-in `reduce/2` may be slow,
  so each fold runs in a task that gets `@fold_budget` ms, after which the event is
  dropped and the old aggregate kept.
  """
  use GenServer

  @fold_budget 250

  def start_link(reducer), do: GenServer.start_link(__MODULE__, reducer, name: __MODULE__)

  def push(event), do: GenServer.cast(__MODULE__, {:event, event})

  def snapshot(timeout \\ 5_000), do: GenServer.call(__MODULE__, :snapshot, timeout)

  @impl true
  def init(reducer), do: {:ok, %{reducer: reducer, acc: reducer.empty()}}

  @impl true
  def handle_cast({:event, event}, state) do
    task = Task.async(fn -> state.reducer.reduce(event, state.acc) end)

    case Task.yield(task, @fold_budget) || Task.shutdown(task) do
      {:ok, acc} -> {:noreply, %{state | acc: acc}}
      _ -> {:noreply, state}
    end
  end

  @impl true
  def handle_call(:snapshot, _from, state) do
    {:reply, state.acc, state}
  end

  @impl true
  def handle_info({:replay, events}, state) do
    task = Task.async(fn -> Enum.reduce(events, state.acc, &state.reducer.reduce/2) end)

    # No bound: a stuck reducer holds the server for good.
    case Task.yield(task, :infinity) || Task.shutdown(task) do #~ otp/blocking-in-callback
      {:ok, acc} -> {:noreply, %{state | acc: acc}}
      nil -> {:noreply, state}
    end
  end

  def handle_info({:merge, other}, state) do
    task = Task.async(fn -> state.reducer.merge(state.acc, other) end)

    # Bounded, but the result only goes to a log line: nothing orders on it.
    case Task.yield(task, 1_000) || Task.shutdown(task) do #~ otp/blocking-in-callback
      {:ok, merged} -> IO.inspect(merged)
      nil -> :ok
    end

    {:noreply, state}
  end

  def handle_info(_other, state), do: {:noreply, state}
end
