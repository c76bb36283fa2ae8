defmodule Shop.Transport do
  @moduledoc "How a link reaches the payment gateway; the link process calls these."

  @callback connect(owner :: pid(), opts :: keyword()) :: {:ok, pid()} | {:error, term()}
  @callback probe(conn :: pid()) :: :ok
end

defmodule Shop.Transport.Tcp do
  @moduledoc "No process of its own: its functions run in the link that calls them."
  @behaviour Shop.Transport

  @impl true
  def connect(owner, opts) do
    with {:ok, conn} <- Shop.Transport.Pool.checkout(owner, opts) do
      # The link that called us matches the :DOWN of the connection by its pid.
      Process.monitor(conn)
      {:ok, conn}
    end
  end

  @impl true
  def probe(conn) do
    # Nothing that matches :DOWN calls probe/1: this monitor is left behind.
    Process.monitor(conn) #~ otp/monitor-leak
    :ok
  end
end

defmodule Shop.Transport.Pool do
  @moduledoc false
  def checkout(owner, _opts), do: {:ok, owner}
end

defmodule Shop.Link do
  @moduledoc "Holds one gateway connection and reconnects when it goes down."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    transport = Keyword.get(opts, :transport, Shop.Transport.Tcp)
    {:ok, conn} = transport.connect(self(), opts)
    {:ok, %{transport: transport, conn: conn, opts: opts}}
  end

  @impl true
  def handle_info({:DOWN, _ref, :process, conn, _reason}, %{conn: conn} = state) do
    {:ok, conn} = state.transport.connect(self(), state.opts)
    {:noreply, %{state | conn: conn}}
  end

  def handle_info(_msg, state), do: {:noreply, state}
end
