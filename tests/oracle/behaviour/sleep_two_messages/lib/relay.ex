defmodule Oracle.Relay do
  @moduledoc "Forwards events to a subscriber, one every `interval` milliseconds."

  def forward_later(subscriber, events, interval) do
    Task.start(fn ->
      for event <- events do
        Process.sleep(interval)
        send(subscriber, event)
      end
    end)
  end
end
