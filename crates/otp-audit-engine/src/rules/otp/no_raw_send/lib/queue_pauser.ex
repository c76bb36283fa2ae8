defmodule MyApp.QueuePauser do
  @moduledoc "Pauses every queue on shutdown and waits until each one says it has."

  defmodule Listener do
    @moduledoc false
    use GenServer

    # Started by the pauser with its own pid, and reports each paused queue to it.
    def start_link, do: GenServer.start_link(__MODULE__, self())

    @impl true
    def init(parent) do
      MyApp.Events.subscribe(:queue_paused)
      {:ok, parent}
    end

    @impl true
    def handle_info({:queue_paused, queue}, parent) do
      send(parent, {:paused, queue})
      {:noreply, parent}
    end

    # Near miss: a message the pauser never takes.
    def handle_info({:queue_failed, queue}, parent) do
      send(parent, {:failed, queue}) #~ otp/no-raw-send
      {:noreply, parent}
    end

    def handle_info(_other, parent), do: {:noreply, parent}
  end

  use GenServer

  def start_link(timeout), do: GenServer.start_link(__MODULE__, timeout)

  @impl true
  def init(timeout) do
    Process.flag(:trap_exit, true)
    {:ok, timeout}
  end

  @impl true
  def terminate(_reason, timeout) do
    {:ok, _} = Listener.start_link()
    queues = MyApp.Queues.running()
    Enum.each(queues, &MyApp.Queues.pause/1)
    wait_for(queues, timeout)
  end

  defp wait_for([], _timeout), do: :ok

  defp wait_for(queues, timeout) do
    receive do
      {:paused, queue} -> wait_for(List.delete(queues, queue), timeout)
    after
      timeout -> :timeout
    end
  end
end
