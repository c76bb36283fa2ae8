defmodule Shop.TlsProxy do
  @moduledoc "Frames TLS records over a socket the connection hands it."
  use GenServer

  def connect(socket, ssl_opts) do
    with {:ok, pid} <- GenServer.start_link(__MODULE__, socket),
         :ok <- :gen_tcp.controlling_process(socket, pid) do
      :ssl.connect(socket, ssl_opts, 15_000)
    end
  end

  def watch(socket) do
    # The socket stays with the caller: the new process only watches it.
    {:ok, _pid} = GenServer.start_link(__MODULE__, socket) #~ otp/unsupervised-start
    :inet.setopts(socket, active: :once)
  end

  @impl true
  def init(socket), do: {:ok, %{socket: socket}}

  @impl true
  def handle_info({:tcp_closed, _socket}, state), do: {:stop, :normal, state}
  def handle_info({:tcp, _socket, _data}, state), do: {:noreply, state}
  def handle_info(_other, state), do: {:noreply, state}
end
