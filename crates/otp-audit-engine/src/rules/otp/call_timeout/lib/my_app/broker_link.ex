defmodule MyApp.BrokerLink do
  @moduledoc """
  Holds a connection to the message broker through a configurable adapter. The
  connection is opened after `init/1` returns, so a checkout made meanwhile waits
  behind the handshake.
  """

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def checkout(link), do: GenServer.call(link, :checkout) #~ otp/call-timeout

  @impl true
  def init(opts) do
    send(self(), :connect)
    {:ok, %{adapter: Keyword.get(opts, :adapter, MyApp.Broker.Amqp), config: opts, conn: nil}}
  end

  @impl true
  def handle_call(:checkout, _from, %{conn: conn} = state), do: {:reply, conn, state}

  @impl true
  def handle_info(:connect, %{adapter: adapter, config: config} = state) do #~ otp/handle-info-catch-all
    case adapter.open_connection(config) do
      {:ok, conn} -> {:noreply, %{state | conn: conn}}
      {:error, _} -> {:noreply, state}
    end
  end
end

defmodule MyApp.BrokerStats do
  @moduledoc "Its start-up message only reads a setting from the state: no wait."

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def snapshot(stats), do: GenServer.call(stats, :snapshot) #~ otp/call-timeout

  @impl true
  def init(opts) do
    send(self(), :arm)
    {:ok, %{config: Map.new(opts), counts: %{}, timeout: nil}}
  end

  @impl true
  def handle_call(:snapshot, _from, state), do: {:reply, state.counts, state}

  @impl true
  def handle_info(:arm, state) do #~ otp/handle-info-catch-all
    {:noreply, %{state | timeout: state.config.connect_timeout}}
  end
end
