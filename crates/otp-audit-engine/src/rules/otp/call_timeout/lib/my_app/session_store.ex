defmodule MyApp.SessionStore do
  @moduledoc "Sessions kept in a GenServer; the client imports GenServer."
  use GenServer

  import GenServer, only: [call: 2, call: 3, start_link: 3]

  def start_link(opts), do: start_link(__MODULE__, %{}, Keyword.take(opts, [:name]))

  def fetch(server, id) do
    call(server, {:fetch, id}) #~ otp/call-timeout
  end

  def put(server, id, session), do: call(server, {:put, id, session}, 1_000)

  @impl true
  def init(sessions), do: {:ok, sessions}

  @impl true
  def handle_call({:fetch, id}, _from, sessions), do: {:reply, Map.fetch(sessions, id), sessions}

  def handle_call({:put, id, session}, _from, sessions) do
    {:reply, :ok, Map.put(sessions, id, session)}
  end

  def handle_call(:refresh, _from, sessions) do
    # Calling the server from itself exits with :calling_self.
    GenServer.call(self(), :flush) #~ otp/call-self
    {:reply, :ok, sessions}
  end
end
