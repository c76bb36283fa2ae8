defmodule MyApp.SocketClient do
  @moduledoc "Reads frames from a TCP socket in active mode."
  use GenServer

  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def init(opts) do
    {:ok, socket} = :gen_tcp.connect(opts[:host], opts[:port], [:binary, active: true])
    {:ok, %{socket: socket}}
  end

  def handle_info({:tcp, _socket, data}, state) do
    Logger.debug("frame: #{byte_size(data)} bytes")
    {:noreply, state}
  end

  def handle_info({:tcp_closed, _socket}, state), do: {:stop, :normal, state}

  # Guarded: only tuples get here, so an atom message still crashes the server.
  def handle_info(msg, state) when is_tuple(msg) do #~ otp/handle-info-catch-all
    Logger.warning("unexpected tuple #{inspect(msg)}")
    {:noreply, state}
  end
end
