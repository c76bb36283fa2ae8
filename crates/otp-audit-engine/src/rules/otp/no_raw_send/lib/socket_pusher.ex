defmodule MyApp.SocketPusher do
  @moduledoc """
  A websocket client process (the `:websocket_client` behaviour, not a GenServer).
  Frames to push reach it as messages, which its `websocket_info/3` takes.
  """

  @behaviour :websocket_client

  def start_link(url, opts), do: :websocket_client.start_link(to_charlist(url), __MODULE__, [self(), opts])

  def push(pid, frame) do
    send(pid, {:send_frame, frame})
    :ok
  end

  # No clause of this module takes it: a raw message like any other.
  def reconnect(pid, delay), do: send(pid, {:reconnect_after, delay}) #~ otp/no-raw-send

  @impl true
  def init([owner, opts]), do: {:once, %{owner: owner, opts: opts}}

  @impl true
  def onconnect(_req, state), do: {:ok, state}

  @impl true
  def ondisconnect(_reason, state), do: {:close, :normal, state}

  @impl true
  def websocket_handle(frame, _req, state) do
    send(state.owner, {:frame, frame}) #~ otp/no-raw-send
    {:ok, state}
  end

  @impl true
  def websocket_info({:send_frame, frame}, _req, state), do: {:reply, frame, state}

  @impl true
  def websocket_terminate(_reason, _req, _state), do: :ok
end
