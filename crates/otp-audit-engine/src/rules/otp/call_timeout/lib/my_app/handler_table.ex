defmodule MyApp.HandlerTable do
  @moduledoc """
  Registers response handlers per process.

  Used internally by the test suite for testing/mocking HTTP responses.
  """
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  def register(pid, handler), do: GenServer.call(__MODULE__, {:register, pid, handler})
  def locate(pid), do: GenServer.call(__MODULE__, {:locate, pid})

  @impl true
  def init(handlers), do: {:ok, handlers}

  @impl true
  def handle_call({:register, pid, handler}, _from, handlers), do: {:reply, :ok, Map.put(handlers, pid, handler)}
  def handle_call({:locate, pid}, _from, handlers), do: {:reply, Map.get(handlers, pid), handlers}
end

defmodule MyApp.RouteTable do
  @moduledoc """
  Registers the routes of the HTTP client. The test suite swaps its entries for
  canned responses; production reads them on every request.
  """
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  def register(host, route), do: GenServer.call(__MODULE__, {:register, host, route}) #~ otp/call-timeout

  @impl true
  def init(routes), do: {:ok, routes}

  @impl true
  def handle_call({:register, host, route}, _from, routes), do: {:reply, :ok, Map.put(routes, host, route)}
end
