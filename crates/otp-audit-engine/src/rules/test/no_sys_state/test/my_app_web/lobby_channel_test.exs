defmodule MyAppWeb.LobbyChannelTest do
  use MyAppWeb.ChannelCase, async: true

  alias MyAppWeb.{LobbyChannel, UserSocket}

  test "leaving a table clears the seat", %{player: player} do
    {:ok, _reply, socket} =
      UserSocket
      |> socket("player:#{player.id}", %{player: player})
      |> subscribe_and_join(LobbyChannel, "lobby:main")

    push(socket, "leave_table", %{})

    state = :sys.get_state(socket.channel_pid) #~ test/no-sys-state
    assert state.assigns.seat == nil
  end

  test "a barrier on the channel is fine", %{player: player} do
    {:ok, _reply, socket} =
      UserSocket
      |> socket("player:#{player.id}", %{player: player})
      |> subscribe_and_join(LobbyChannel, "lobby:main")

    push(socket, "sit", %{"table" => 3})
    _ = :sys.get_state(socket.channel_pid)
    assert MyApp.Tables.occupied?(3)
  end
end
