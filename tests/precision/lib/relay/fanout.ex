defmodule Relay.Fanout do
  @moduledoc "Delivers one event to many subscribers, encoding once per format."

  @spec deliver([{pid, atom}], term) :: :ok
  def deliver(subscribers, event) do
    # The cache of encoded payloads is state shared between the steps.
    Enum.reduce(subscribers, %{}, fn {pid, format}, cache ->
      {payload, cache} = encoded(cache, format, event)
      Relay.Subscriber.push(pid, payload)
      cache
    end)

    :ok
  end

  defp encoded(cache, format, event) do
    case cache do
      %{^format => payload} ->
        {payload, cache}

      %{} ->
        payload = Relay.Codec.encode(event, format)
        {payload, Map.put(cache, format, payload)}
    end
  end
end
