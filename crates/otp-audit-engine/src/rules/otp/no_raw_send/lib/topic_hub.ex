defmodule MyApp.TopicHub do
  @moduledoc "Topic fan-out over a duplicate-key Registry."

  def subscribe(hub, topic, opts \\ []), do: Registry.register(hub, topic, opts)

  def publish(hub, topic, payload) do
    Registry.dispatch(hub, topic, fn entries ->
      for {pid, opts} <- entries, do: deliver(pid, payload, opts)
    end)
  end

  def opened(hub, topic) do
    Registry.dispatch(hub, topic, fn entries ->
      for {pid, _} <- entries, do: send(pid, {:topic_opened, topic})
    end)
  end

  def closed(hub, topic) do
    Registry.dispatch(hub, topic, fn entries ->
      Enum.each(entries, fn {pid, _} -> send(pid, {:topic_closed, topic}) end)
    end)
  end

  # Every caller passes the element of a loop over the subscribers.
  defp deliver(pid, payload, opts) do
    if Keyword.get(opts, :tagged, false) do
      send(pid, {:topic_hub, payload})
    else
      send(pid, {:topic_raw, payload})
    end
  end

  # One caller passes a pid from its own parameters: a single receiver.
  def kick(pid, reason), do: eject(pid, reason)
  def kick_all(pids, reason), do: for(pid <- pids, do: eject(pid, reason))
  defp eject(pid, reason), do: send(pid, {:topic_kicked, reason}) #~ otp/no-raw-send
end
