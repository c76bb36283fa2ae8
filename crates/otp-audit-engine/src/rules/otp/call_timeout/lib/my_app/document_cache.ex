defmodule MyApp.DocumentCache do
  @moduledoc "Caches fetched documents with an expiry; lookups compare dates in the state."
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  def fetch(uri), do: GenServer.call(__MODULE__, {:fetch, uri}) #~ otp/call-timeout
  def local_expiry(uri, zone), do: GenServer.call(__MODULE__, {:local_expiry, uri, zone}) #~ otp/call-timeout

  @impl true
  def init(nil), do: {:ok, %{}}

  @impl true
  def handle_call({:fetch, uri}, _from, state) do
    case Map.fetch(state, uri) do
      {:ok, {doc, expires_at}} ->
        if DateTime.compare(DateTime.utc_now(), expires_at) == :lt do
          {:reply, {:ok, doc}, state}
        else
          {:reply, :error, Map.delete(state, uri)}
        end

      :error ->
        {:reply, :error, state}
    end
  end

  # A time zone conversion may consult a time zone database: not an instant answer.
  def handle_call({:local_expiry, uri, zone}, _from, state) do
    {_doc, expires_at} = Map.fetch!(state, uri)
    {:reply, DateTime.shift_zone(expires_at, zone), state}
  end
end
