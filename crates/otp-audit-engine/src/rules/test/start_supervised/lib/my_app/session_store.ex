defmodule MyApp.SessionStore do
  @moduledoc "Library code: starting processes here is otp/unsupervised-start's business."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  def put(store, id, session), do: GenServer.call(store, {:put, id, session})
  def fetch(store, id), do: GenServer.call(store, {:fetch, id})

  @impl true
  def init(opts) do
    if opts[:ttl] && opts[:ttl] < 0, do: {:stop, :bad_ttl}, else: {:ok, %{}}
  end

  @impl true
  def handle_call({:put, id, s}, _from, state), do: {:reply, :ok, Map.put(state, id, s)}
  def handle_call({:fetch, id}, _from, state), do: {:reply, Map.fetch(state, id), state}
end
