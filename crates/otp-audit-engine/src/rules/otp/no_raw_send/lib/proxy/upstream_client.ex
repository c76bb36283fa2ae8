defmodule Proxy.UpstreamClient do
  @moduledoc """
  A WebSocket client to the upstream server. Frames that arrive are forwarded to
  the process that started the client (its browser-facing socket handler).
  """
  use WebSockex

  @spec start_link(pid(), String.t()) :: {:ok, pid()} | {:error, term()}
  def start_link(parent, url) do
    WebSockex.start_link(url, __MODULE__, %{parent: parent, frames: 0})
  end

  def forward(client, text), do: WebSockex.send_frame(client, {:text, text})

  @impl true
  def handle_frame({:text, text}, %{parent: parent} = state) do
    send(parent, {:upstream, text, :text})
    {:ok, %{state | frames: state.frames + 1}}
  end

  def handle_frame({:binary, data}, %{parent: parent} = state) do
    send(parent, {:upstream_binary, data}) #~ otp/no-raw-send
    {:ok, state}
  end
end
