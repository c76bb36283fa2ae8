defmodule MyApp.LinkWatchers do
  @moduledoc "Tells every registered watcher when the upstream link goes up or down."

  # Each watcher in the list gets the notice: the pub/sub loop, written as a capture.
  def broadcast(watchers, event) when is_list(watchers) do
    Enum.each(watchers, &send(&1, {event, self()}))
  end

  def broadcast_lazily(watchers, event) do
    watchers
    |> Stream.each(&send(&1, {event, self(), :lazy}))
    |> Stream.run()
  end

  # A capture applied to one looked-up pid is no loop: reported, and the message
  # names what the placeholder stands for, not `&1`.
  def notify_primary(name, event) do
    name
    |> Process.whereis()
    |> then(&send(&1, {event, self()})) #~ otp/no-raw-send
  end
end
