defmodule Shop.QueueDrainer do
  @moduledoc "Pauses every queue on shutdown and waits until each one says it has paused."
  use GenServer

  def start_link(timeout), do: GenServer.start_link(__MODULE__, timeout)

  @impl true
  def init(timeout) do
    Process.flag(:trap_exit, true)
    {:ok, timeout}
  end

  @impl true
  def terminate(_reason, timeout), do: drain(timeout)

  defp drain(timeout) do
    {:ok, _} = Shop.PauseListener.start_link(self())
    Enum.each(Shop.Queues.running(), &Shop.Queues.pause/1)

    receive do
      :all_paused -> :ok
    after
      timeout -> :timeout
    end
  end

  # Outside terminate/2 and not linked: it outlives the drainer, and is reported.
  def abandon do
    Task.start(fn -> Shop.Queues.resume_all() end) #~ otp/unsupervised-start
  end
end
