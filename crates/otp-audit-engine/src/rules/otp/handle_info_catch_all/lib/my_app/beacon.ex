defmodule MyApp.Beacon do
  @moduledoc "Announces this node over UDP multicast and listens for its peers."
  use GenServer

  require Logger

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def init(opts) do
    {:ok, group} = :inet.parse_address(String.to_charlist(opts[:group]))
    {:ok, socket} = :gen_udp.open(opts[:port], [:binary, active: true, reuseaddr: true])
    send(self(), :announce)
    {:ok, %{socket: socket, group: group, port: opts[:port], peers: MapSet.new()}}
  end

  def handle_info(:announce, state) do
    :gen_udp.send(state.socket, state.group, state.port, "hello:" <> Atom.to_string(node()))
    Process.send_after(self(), :announce, 5_000)
    {:noreply, state}
  end

  def handle_info({:udp, _socket, _ip, _port, "hello:" <> name}, state) do
    {:noreply, %{state | peers: MapSet.put(state.peers, name)}}
  end

  # Every other datagram ends here: the socket sends nothing else, and no monitor
  # or call of this server can leave a stray, so only a foreign `send` is left (info).
  def handle_info({:udp, _socket, _ip, _port, packet}, state) do #~ otp/handle-info-catch-all
    Logger.debug("ignored #{byte_size(packet)} bytes")
    {:noreply, state}
  end
end

defmodule MyApp.BeaconOnce do
  @moduledoc "Control: reads one datagram at a time and re-arms the socket after each."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def init(opts) do
    {:ok, socket} = :gen_udp.open(opts[:port], [:binary, active: :once])
    {:ok, %{socket: socket}}
  end

  # Control: with `active: :once` the rule cannot vouch for the socket: a warning.
  def handle_info({:udp, socket, _ip, _port, _packet}, state) do #~ otp/handle-info-catch-all
    :inet.setopts(socket, active: :once)
    {:noreply, state}
  end
end

defmodule MyApp.BeaconPicky do
  @moduledoc "Control: takes only datagrams that start with a magic prefix."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def init(opts) do
    {:ok, socket} = :gen_udp.open(opts[:port], [:binary, active: true])
    {:ok, %{socket: socket}}
  end

  # Control: any other datagram crashes the server: a warning.
  def handle_info({:udp, _socket, _ip, _port, "MAGIC" <> _rest}, state) do #~ otp/handle-info-catch-all
    {:noreply, state}
  end
end
