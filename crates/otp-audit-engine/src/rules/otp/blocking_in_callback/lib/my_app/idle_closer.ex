defmodule MyApp.IdleCloser do
  @moduledoc "Closes a document after a quiet period; each edit pushes the deadline back."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def touch(pid), do: GenServer.cast(pid, :touch)

  @impl true
  def init(opts) do
    state = %{idle_ms: Keyword.get(opts, :idle_ms, 60_000), timer: nil, flush: nil}
    {:ok, arm(state)}
  end

  @impl true
  def handle_cast(:touch, state) do
    {:noreply, state |> disarm() |> arm()}
  end

  def handle_cast(:flush_now, state) do
    {:noreply, state |> drop_flush() |> arm()}
  end

  def handle_cast(:pause, state) do
    # `false` means the timer already fired: its message is due, the receive takes it.
    case Process.cancel_timer(state.timer) do
      false ->
        receive do
          {:idle, _} -> :ok
        end

      _left ->
        :ok
    end

    {:noreply, %{state | timer: nil}}
  end

  def handle_cast(:wait_ack, state) do
    # Nothing here sends `:flushed` to this server after a delay: this waits for
    # another process.
    unless Process.cancel_timer(state.timer) do
      receive do #~ otp/blocking-in-callback
        :flushed -> :ok
      end
    end

    {:noreply, state}
  end

  @impl true
  def handle_info(:close, state), do: {:stop, :normal, state}
  def handle_info({:idle, _at}, state), do: {:stop, :normal, state}
  def handle_info(_other, state), do: {:noreply, state}

  defp arm(state) do
    %{state | timer: Process.send_after(self(), :close, state.idle_ms)}
  end

  defp disarm(%{timer: nil} = state), do: state

  defp disarm(state) do
    if Process.cancel_timer(state.timer) == false do
      receive do
        :close -> :ok
      end
    end

    %{state | timer: nil}
  end

  defp drop_flush(state) do
    flush = Process.send_after(self(), {:idle, System.monotonic_time()}, state.idle_ms)

    unless Process.cancel_timer(flush) do
      receive do
        {:idle, _} -> :ok
      end
    end

    state
  end
end
