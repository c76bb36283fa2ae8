defmodule MyApp.TopicGroup do
  @moduledoc "Joins the consumer group for its topics; the joining retries while the broker is down."
  use GenServer

  def start_link(topics), do: GenServer.start_link(__MODULE__, topics, name: __MODULE__)

  # Answered from the state, but a call during the join waits behind its retries.
  def topics, do: GenServer.call(__MODULE__, :topics) #~ otp/call-timeout

  @impl true
  def init(topics) do
    GenServer.cast(self(), :join)
    {:ok, %{topics: topics, joined: false}}
  end

  @impl true
  def handle_cast(:join, state) do
    join_with_retries(state.topics, 30)
    {:noreply, %{state | joined: true}}
  end

  @impl true
  def handle_call(:topics, _from, state), do: {:reply, state.topics, state}

  defp join_with_retries(_topics, 0), do: :error

  defp join_with_retries(topics, tries) do
    case MyApp.Broker.join(topics) do
      :ok ->
        :ok

      {:error, _} ->
        Process.sleep(1_000)
        join_with_retries(topics, tries - 1)
    end
  end
end

defmodule MyApp.TopicList do
  @moduledoc "Keeps a list of topics; its start-up message only records the time."
  use GenServer

  def start_link(topics), do: GenServer.start_link(__MODULE__, topics, name: __MODULE__)

  # The cast to itself does no waiting: the call answers at once.
  def topics, do: GenServer.call(__MODULE__, :topics) #~ otp/call-timeout

  @impl true
  def init(topics) do
    GenServer.cast(self(), :stamp)
    {:ok, %{topics: topics, started_at: nil}}
  end

  @impl true
  def handle_cast(:stamp, state), do: {:noreply, %{state | started_at: System.system_time()}}

  @impl true
  def handle_call(:topics, _from, state), do: {:reply, state.topics, state}
end

defmodule MyApp.TopicBackoff do
  @moduledoc "Joins with the retry library's backoff, deferred from init/1 by a message to itself."
  use GenServer
  use Retry

  def start_link(topics), do: GenServer.start_link(__MODULE__, topics, name: __MODULE__)

  def topics, do: GenServer.call(__MODULE__, :topics) #~ otp/call-timeout

  @impl true
  def init(topics) do
    send(self(), :join)
    {:ok, %{topics: topics}}
  end

  @impl true
  def handle_info(:join, state) do
    retry with: exponential_backoff() |> expiry(30_000) do
      MyApp.Broker.join(state.topics)
    end

    {:noreply, state}
  end

  @impl true
  def handle_call(:topics, _from, state), do: {:reply, state.topics, state}
end
