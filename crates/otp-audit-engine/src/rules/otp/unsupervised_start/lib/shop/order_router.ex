defmodule Shop.OrderRouter do
  @moduledoc """
  Routes order events to one worker per order. The workers live under a
  supervisor of the router's own, started once the event feed has confirmed the
  subscription.
  """
  use GenServer

  def start_link(feed), do: GenServer.start_link(__MODULE__, feed)

  @impl true
  def init(feed) do
    :ok = Shop.Feed.subscribe(feed, self())
    {:ok, %{feed: feed, workers: nil, archive: nil, pending: []}}
  end

  # Kept in the state and linked, but a second `:subscribed` would start another
  # supervisor and leave the first running: info.
  @impl true
  def handle_info({:subscribed, feed}, %{feed: feed} = state) do
    {:ok, workers} = DynamicSupervisor.start_link(strategy: :one_for_one) #~ otp/unsupervised-start
    {:noreply, %{state | workers: workers}}
  end

  # The head refuses a second start: the archive is the server's own part.
  def handle_info({:archive_ready, dir}, %{archive: nil} = state) do
    {:ok, archive} = Shop.OrderArchive.start_link(dir)
    {:noreply, %{state | archive: archive}}
  end

  # Started per event and never kept: reported as before.
  def handle_info({:audit, order}, state) do
    {:ok, _auditor} = Shop.OrderAuditor.start_link(order) #~ otp/unsupervised-start
    {:noreply, state}
  end

  def handle_info(_other, state), do: {:noreply, state}
end
