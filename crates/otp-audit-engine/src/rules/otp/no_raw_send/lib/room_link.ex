defmodule MyApp.RoomLink do
  @moduledoc "Joins a room process by hand and relays frames to the client's transport."

  require Logger

  def join(room_pid, payload) do
    ref = make_ref()
    from = {self(), ref}
    send(room_pid, {:join, payload, from})
    mon = Process.monitor(room_pid)

    receive do
      {^ref, reply} ->
        Process.demonitor(mon, [:flush])
        {:ok, reply}

      {:DOWN, ^mon, _, _, reason} ->
        {:error, reason}
    end
  end

  def push(transport_pid, frame, serializer) do
    send(transport_pid, serializer.encode!(frame))
    :ok
  end

  def handle_debug({:list_rooms, ref, reply_to}, rooms) do
    send(reply_to, {:rooms, ref, Map.keys(rooms)})
    {:ok, rooms}
  end

  # A message of its own format to a process that another module implements.
  def kick(room_pid, user_id) do
    send(room_pid, {:kick, user_id}) #~ otp/no-raw-send
    :ok
  end

  # A reply that echoes nothing of a request is still a raw message.
  def announce({:subscribe, reply_to}, topic) do
    send(reply_to, {:announced, topic}) #~ otp/no-raw-send
  end
end
