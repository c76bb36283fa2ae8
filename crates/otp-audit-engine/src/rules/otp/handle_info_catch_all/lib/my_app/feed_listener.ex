defmodule MyApp.FeedListener do
  @moduledoc "Subscribes to a feed and fans updates out to local subscribers."
  use GenServer

  def start_link(feed), do: GenServer.start_link(__MODULE__, feed, name: __MODULE__)

  @impl true
  def init(feed) do
    ref = Process.monitor(feed)
    {:ok, %{feed: feed, ref: ref, updates: 0}}
  end

  @impl true
  def handle_call(:count, _from, state), do: {:reply, state.updates, state}

  @impl true
  def handle_info({:update, payload}, state) do
    MyApp.PubSub.broadcast("feed", payload)
    {:noreply, %{state | updates: state.updates + 1}}
  end

  def handle_info({:DOWN, ref, :process, _pid, reason}, %{ref: ref} = state) do
    {:stop, {:feed_down, reason}, state}
  end

  def handle_info(:ping, state), do: {:noreply, state} #~ otp/handle-info-catch-all
end
