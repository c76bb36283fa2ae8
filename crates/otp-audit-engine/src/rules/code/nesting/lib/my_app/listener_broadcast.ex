defmodule MyApp.ListenerBroadcast do
  @moduledoc "Tells its listeners about each name a dead process held."

  def handle_exit(pid, state) do
    case :ets.take(state.pids, pid) do
      [{^pid, names}] ->
        Enum.each(names, fn name ->
          for listener <- state.listeners do #~ code/nesting
            send(listener, {:unregister, name, pid})
          end
        end)

      [] ->
        :ok
    end

    state
  end

  # Near misses: a filter, and a body of two statements, read as loops to follow.
  def handle_down(pid, state) do
    case :ets.take(state.pids, pid) do
      [{^pid, names}] ->
        Enum.each(names, fn name ->
          for listener <- state.listeners, listener != pid do #~ code/nesting
            send(listener, {:unregister, name, pid})
          end
        end)

      [] ->
        :ok
    end
  end

  def handle_leave(pid, state) do
    case :ets.take(state.pids, pid) do
      [{^pid, names}] ->
        Enum.each(names, fn name ->
          for listener <- state.listeners do #~ code/nesting
            :telemetry.execute([:my_app, :unregister], %{count: 1}, %{name: name})
            send(listener, {:unregister, name, pid})
          end
        end)

      [] ->
        :ok
    end
  end
end
