defmodule MyApp.BrokerLink do
  @moduledoc "Keeps a connection to the broker; the socket comes from MyApp.BrokerLink.Net."
  use GenServer

  alias MyApp.BrokerLink.Net

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def fetch(link, topic), do: GenServer.call(link, {:fetch, topic}, 10_000)

  @impl true
  def init(opts) do
    # Net.connect/2 opens the socket and sets it active; this module never calls
    # :gen_tcp itself.
    {:ok, %{socket: Net.connect(opts[:host], opts[:port]), host: opts[:host], port: opts[:port]}}
  end

  @impl true
  def handle_call({:fetch, topic}, _from, state) do
    {:reply, Net.request(state.socket, {:fetch, topic}), state}
  end

  # A reset arrives as {:tcp_error, socket, :econnreset}, and unsolicited bytes as
  # {:tcp, socket, data}: neither has a clause.
  @impl true
  def handle_info({:tcp_closed, _socket}, state) do #~ otp/handle-info-catch-all
    {:noreply, %{state | socket: Net.connect(state.host, state.port)}}
  end
end
