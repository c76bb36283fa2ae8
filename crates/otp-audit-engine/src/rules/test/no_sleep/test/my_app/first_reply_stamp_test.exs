defmodule MyApp.FirstReplyStampTest do
  use MyAppWeb.ChannelCase

  test "the first reply time is only set once", %{socket: socket, room: room} do
    started = DateTime.utc_now()

    ref = push(socket, "shout", %{body: "hi", room_id: room.id})
    assert_reply(ref, :ok)
    assert MyApp.Rooms.get!(room.id).first_reply_at == DateTime.truncate(started, :second)

    Process.sleep(1_000) #~ test/no-sleep

    ref = push(socket, "shout", %{body: "again", room_id: room.id})
    assert_reply(ref, :ok)
    assert MyApp.Rooms.get!(room.id).first_reply_at == DateTime.truncate(started, :second)
  end

  test "a second-long sleep right after a push nobody awaited", %{socket: socket, room: room} do
    started = DateTime.utc_now()

    push(socket, "shout", %{body: "hi", room_id: room.id})
    Process.sleep(1_000) #~ test/no-sleep
    assert MyApp.Rooms.get!(room.id).first_reply_at == DateTime.truncate(started, :second)
  end
end
