defmodule Shop.Net.WireProtocol do
  @moduledoc """
  A Ranch protocol: Ranch's connection supervisor calls start_link/3 and holds the
  link; the process enters its gen_statem loop after the handshake.
  """
  @behaviour :ranch_protocol
  @behaviour :gen_statem

  @impl :ranch_protocol
  def start_link(ref, transport, opts) do
    pid = :proc_lib.spawn_link(__MODULE__, :init, [ref, transport, opts])
    {:ok, pid}
  end

  def init(ref, transport, opts) do
    {:ok, socket} = :ranch.handshake(ref)
    :gen_statem.enter_loop(__MODULE__, [], :waiting, %{socket: socket, transport: transport, opts: opts})
  end

  @impl :gen_statem
  def callback_mode, do: :handle_event_function

  @impl :gen_statem
  def init(_), do: {:stop, :not_used}

  @impl :gen_statem
  def handle_event(:info, {:tcp, _socket, data}, _state, data_), do: {:keep_state, Map.put(data_, :last, data)}

  # A start function that hands back something else than the spawned pid: reported.
  def start_probe(host) do
    pid = :proc_lib.spawn_link(Shop.Net.Probe, :run, [host]) #~ otp/no-raw-spawn
    {:ok, host, pid}
  end
end
