defmodule Proxy.SocketHandler do
  @moduledoc "The browser side of the proxy: a cowboy WebSocket handler."
  @behaviour :cowboy_websocket

  alias Proxy.UpstreamClient

  @impl true
  def init(req, opts), do: {:cowboy_websocket, req, %{url: opts[:url], upstream: nil}}

  @impl true
  def websocket_init(state) do
    Process.flag(:trap_exit, true)

    case UpstreamClient.start_link(self(), state.url) do
      {:ok, upstream} -> {:ok, %{state | upstream: upstream}}
      {:error, _reason} -> {:stop, state}
    end
  end

  @impl true
  def websocket_handle({:text, text}, state) do
    UpstreamClient.forward(state.upstream, text)
    {:ok, state}
  end

  def websocket_handle(_frame, state), do: {:ok, state}

  @impl true
  def websocket_info({:upstream, text, :text}, state), do: {:reply, {:text, text}, state}
  def websocket_info({:EXIT, upstream, _reason}, %{upstream: upstream} = state), do: {:stop, state}
  def websocket_info(_message, state), do: {:ok, state}
end
