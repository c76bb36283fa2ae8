defmodule Shop.TillLink do
  @moduledoc "A till connection as a :gen_statem that owns its socket helper and restarts it after a backoff."
  @behaviour :gen_statem

  defstruct [:opts, :socket]

  def start_link(opts), do: :gen_statem.start_link(__MODULE__, opts, [])

  @impl true
  def callback_mode, do: :state_functions

  @impl true
  def init(opts) do
    {:ok, socket} = Shop.TillSocket.start_link(self(), opts)
    {:ok, :connecting, %__MODULE__{opts: opts, socket: socket}}
  end

  def disconnected({:timeout, :reconnect}, _info, %__MODULE__{} = data) do
    {:ok, socket} = Shop.TillSocket.start_link(self(), data.opts)
    {:next_state, :connecting, %{data | socket: socket}}
  end

  def connecting(:info, {:stopped, socket, _reason}, %__MODULE__{socket: socket} = data) do
    {:next_state, :disconnected, data, [{{:timeout, :reconnect}, 1_000, nil}]}
  end

  def connecting(:info, {:ready, socket}, %__MODULE__{socket: socket} = data) do
    {:next_state, :connected, data}
  end

  def connected(:info, {:stopped, socket, _reason}, %__MODULE__{socket: socket} = data) do
    {:next_state, :disconnected, data, [{{:timeout, :reconnect}, 1_000, nil}]}
  end

  @impl true
  def terminate(_reason, _state, data) do
    if Process.alive?(data.socket), do: Shop.TillSocket.stop(data.socket)
  end
end

defmodule Shop.TillPrinter do
  @moduledoc "Starts a printer helper on demand and keeps it, but never restarts or stops it."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{opts: opts, printer: nil}}

  @impl true
  def handle_call(:print_ready, _from, state) do
    {:ok, printer} = Shop.PrinterPort.start_link(state.opts) #~ otp/unsupervised-start
    {:reply, :ok, %{state | printer: printer}}
  end
end
