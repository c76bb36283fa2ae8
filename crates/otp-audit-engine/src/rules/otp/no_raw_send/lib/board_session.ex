defmodule Kanban.Event do
  @moduledoc "A board event, as the clients of a board receive it."
  defstruct [:name, :payload]
end

defmodule Kanban.BoardSession do
  @moduledoc "One process per open board; clients talk to it through the functions below."

  use GenServer
  require Logger

  @board :kanban
  @other :kanban_sync

  def start_link(board_id), do: GenServer.start_link(__MODULE__, board_id)

  # Client functions of this module: the tag is an attribute on both sides.
  def move_card(pid, card_id, column) do
    send(pid, {@board, :move_card, {card_id, column}})
  end

  def remind(pid, card_id, after_ms) do
    Process.send_after(pid, {@board, :remind, card_id}, after_ms)
  end

  # A message whose format another module defines, built just above.
  def push_event(pid, event, payload) do
    message = %Kanban.Event{name: event, payload: payload}
    send(pid, message)
  end

  # The request is built in a helper; the caller awaits its reply.
  def snapshot(store_pid) do
    ref = make_ref()
    :ok = request_snapshot(store_pid, ref)

    receive do
      {^ref, board} -> {:ok, board}
    after
      5_000 -> {:error, :timeout}
    end
  end

  defp request_snapshot(pid, ref) do
    from = {self(), ref}
    send(pid, {:snapshot, from})
    :ok
  end

  # Same attribute value, but no clause here matches a 2-tuple tagged so.
  def ping_peer(pid) do
    send(pid, {@other, :ping}) #~ otp/no-raw-send
  end

  # A map bound to a variable is not a struct.
  def push_raw(pid, event) do
    message = %{event: event}
    send(pid, message) #~ otp/no-raw-send
  end

  @impl true
  def init(board_id), do: {:ok, %{board_id: board_id, cards: %{}}}

  @impl true
  def handle_info({@board, :move_card, {card_id, column}}, state) do
    {:noreply, put_in(state.cards[card_id], column)}
  end

  def handle_info({@board, :remind, _card_id}, state), do: {:noreply, state}

  def handle_info(msg, state) do
    Logger.debug("board session ignored #{inspect(msg)}")
    {:noreply, state}
  end
end
