defmodule MyApp.GatewaySocket do
  @moduledoc "Keeps a websocket to the events gateway and forwards each event."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{host: opts[:host], conn: nil}, {:continue, :connect}}

  @impl true
  def handle_continue(:connect, state) do
    {:ok, conn} = :gun.open(String.to_charlist(state.host), 443, %{protocols: [:http]})
    {:noreply, %{state | conn: conn}}
  end

  @impl true
  def handle_info({:gun_up, conn, _protocol}, state) do
    :gun.ws_upgrade(conn, "/events")
    {:noreply, state}
  end

  def handle_info({:gun_ws, _conn, _stream, {:text, frame}}, state) do
    MyApp.Events.dispatch(frame)
    {:noreply, state}
  end

  def handle_info({:gun_ws, _conn, _stream, :close}, state) do #~ otp/handle-info-catch-all
    {:stop, :normal, state}
  end
end
