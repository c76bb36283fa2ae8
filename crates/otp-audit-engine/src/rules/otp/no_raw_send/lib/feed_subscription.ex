defmodule MyApp.Feed.Subscription do
  @moduledoc """
  One process per subscriber of a feed, started for that subscriber: it confirms the
  subscription to the pid it was started with, then relays the feed's batches.
  """

  use GenServer

  def start_link(subscriber), do: GenServer.start_link(__MODULE__, subscriber)

  @impl GenServer
  def init(subscriber) do
    send(subscriber, {:subscribed, self()}) #~ otp/no-raw-send
    Process.monitor(subscriber)
    {:ok, %{subscriber: subscriber, audit: MyApp.Feed.Audit}}
  end

  @impl GenServer
  def handle_info({:batch, items}, state) do
    send(state.subscriber, {:batch, items})
    {:noreply, state}
  end

  def handle_info({:DOWN, _ref, :process, _pid, reason}, state) do
    # The audit log's format, not a notification to the subscriber: reported.
    send(state.audit, {:subscriber_down, reason}) #~ otp/no-raw-send
    {:stop, :normal, state}
  end

  def handle_info(_other, state), do: {:noreply, state}
end

defmodule MyApp.Feed.Relay do
  @moduledoc false

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl GenServer
  def init(opts) do
    # A pid from the options, but not the one the process was started for
    # (a registered sink): reported as a warning.
    send(MyApp.Feed.Sink, {:relay_started, opts[:name]}) #~ otp/no-raw-send
    {:ok, opts}
  end

  @impl GenServer
  def handle_cast({:forward, item}, opts) do
    MyApp.Feed.Sink.push(item)
    {:noreply, opts}
  end
end
