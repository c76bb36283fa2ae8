defmodule Courier.Consumer.Worker do
  @moduledoc false
  use GenServer

  def start_link(args), do: GenServer.start_link(__MODULE__, args)

  @impl true
  def init(args) do
    state = %{
      topic: Keyword.fetch!(args, :topic),
      partition: Keyword.fetch!(args, :partition),
      handler: Keyword.fetch!(args, :handler),
      lag: 0
    }

    Process.put(:courier_topic, state.topic) #~ otp/no-process-dictionary
    Process.put(:courier_partition, state.partition) #~ otp/no-process-dictionary
    Process.put(:lag, state.lag) #~ otp/no-process-dictionary

    {:ok, state}
  end

  @impl true
  def handle_cast({:batch, messages}, state) do
    :ack = state.handler.handle_batch(messages)
    {:noreply, state}
  end
end
