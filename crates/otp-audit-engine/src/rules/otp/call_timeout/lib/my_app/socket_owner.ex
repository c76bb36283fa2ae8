defmodule MyApp.SocketOwner do
  @moduledoc "Owns a socket for the connection; others set options and register through it."
  use GenServer

  def start_link(socket), do: GenServer.start_link(__MODULE__, socket)

  def setopts(owner, opts), do: GenServer.call(owner, {:setopts, opts}) #~ otp/call-timeout

  def register(owner, pid), do: GenServer.call(owner, {:register, pid}) #~ otp/call-timeout

  def ping(owner, host, port), do: GenServer.call(owner, {:ping, host, port}) #~ otp/call-timeout

  def write(owner, data), do: GenServer.call(owner, {:write, data}) #~ otp/call-timeout

  @impl true
  def init(socket) do
    {:ok, udp} = :gen_udp.open(0)
    {:ok, %{socket: socket, udp: udp, table: :ets.new(:owners, [:set])}}
  end

  @impl true
  def handle_call({:setopts, opts}, _from, state), do: {:reply, :inet.setopts(state.socket, opts), state}

  def handle_call({:register, pid}, _from, state) do
    Process.link(pid)
    :ets.insert(state.table, {pid, :registered})
    {:reply, :yes, state}
  end

  def handle_call({:ping, host, port}, _from, state) do
    {:reply, :gen_udp.send(state.udp, host, port, "ping"), state}
  end

  # A TCP send can wait on a full send buffer: the caller's 5 s matter here.
  def handle_call({:write, data}, _from, state), do: {:reply, :gen_tcp.send(state.socket, data), state}
end
