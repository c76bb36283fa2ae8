defmodule MediaKit.Transcoder do
  @moduledoc "Transcodes uploads one at a time; the work runs in a supervised task."
  use MediaKit.Worker, settle_ms: 50

  @impl true
  def init(_arg), do: {:ok, %{task: nil, queue: :queue.new(), done: 0, failed: 0}}

  def enqueue(upload_id), do: GenServer.cast(__MODULE__, {:enqueue, upload_id})

  @impl true
  def handle_cast({:enqueue, upload_id}, state) do
    state = %{state | queue: :queue.in(upload_id, state.queue)}
    {:noreply, maybe_start(state)}
  end

  @impl true
  def handle_info({ref, _result}, %{task: %Task{ref: ref}} = state) do
    Process.demonitor(ref, [:flush])
    {:noreply, maybe_start(%{state | task: nil, done: state.done + 1})}
  end

  def handle_info({:DOWN, ref, :process, _pid, _reason}, %{task: %Task{ref: ref}} = state) do
    {:noreply, maybe_start(%{state | task: nil, failed: state.failed + 1})}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  # Called from the callbacks; the reply is matched in handle_info/2 above.
  defp maybe_start(%{task: nil} = state) do
    case :queue.out(state.queue) do
      {{:value, upload_id}, queue} ->
        task =
          Task.Supervisor.async_nolink(MediaKit.TaskSupervisor, fn ->
            MediaKit.Encoder.run(upload_id)
          end)

        %{state | task: task, queue: queue}

      {:empty, _queue} ->
        state
    end
  end

  defp maybe_start(state), do: state
end
