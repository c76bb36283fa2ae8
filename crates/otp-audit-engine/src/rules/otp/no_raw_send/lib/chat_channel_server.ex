defmodule Chat.ChannelServer do
  @moduledoc "A channel process of our own that speaks Phoenix's transport messages."
  use GenServer

  def start_link({socket, topic}), do: GenServer.start_link(__MODULE__, {socket, topic})

  @impl true
  def init({socket, topic}) do
    Process.monitor(socket.transport_pid)
    {:ok, %{socket: socket, topic: topic, audit: socket.assigns.audit_pid}}
  end

  @impl true
  def handle_info(:drain, %{socket: %{transport_pid: transport_pid}} = state) do
    # The transport handles these in its own loop; it has no client API to call.
    send(transport_pid, :socket_drain)
    {:noreply, state}
  end

  def handle_info({:close, reason}, state) do
    send(state.socket.transport_pid, {:socket_close, self(), reason})
    send(state.audit, {:closed, state.topic, reason}) #~ otp/no-raw-send
    {:stop, :normal, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end
