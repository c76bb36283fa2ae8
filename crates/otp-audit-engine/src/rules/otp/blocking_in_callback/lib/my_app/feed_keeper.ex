defmodule MyApp.FeedKeeper do
  @moduledoc "Keeps a feed subscription open; dies with it, but not faster than once in 5 s."
  use GenServer

  @min_lifetime 5_000

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, feed} = MyApp.Feed.start_link(opts)
    {:ok, %{feed: feed, started_at: System.monotonic_time(:millisecond)}}
  end

  @impl true
  def handle_info({:EXIT, feed, reason}, %{feed: feed} = state) do
    lived = System.monotonic_time(:millisecond) - state.started_at
    Process.sleep(max(@min_lifetime - lived, 0)) #~ otp/blocking-in-callback
    {:stop, reason, state}
  end

  def handle_info(_other, state), do: {:noreply, state}
end

defmodule MyApp.FeedCounter do
  @moduledoc "Counts feed items; callers ask for the count."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, feed} = MyApp.Feed.start_link(opts)
    {:ok, %{feed: feed, count: 0}}
  end

  @impl true
  def handle_call(:count, _from, state), do: {:reply, state.count, state}

  @impl true
  def handle_info({:EXIT, feed, reason}, %{feed: feed} = state) do
    Process.sleep(1_000) #~ otp/blocking-in-callback
    {:stop, reason, state}
  end

  def handle_info({:item, _item}, state), do: {:noreply, %{state | count: state.count + 1}}
  def handle_info(_other, state), do: {:noreply, state}
end
