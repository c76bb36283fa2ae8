defmodule Console.TerminalChannel do
  @moduledoc "Streams a terminal session to the browser."
  use Phoenix.Channel

  def join("terminal:" <> host, _params, socket) do
    session = {Console.TerminalSession, host: host, channel_pid: socket.channel_pid}
    {:ok, _pid} = DynamicSupervisor.start_child(Console.Sessions, session)
    {:ok, socket}
  end

  def handle_info({:output, data}, socket) do
    push(socket, "output", %{data: data})
    {:noreply, socket}
  end

  def handle_info({:closed}, socket) do
    push(socket, "closed", %{})
    {:stop, :normal, socket}
  end
end
