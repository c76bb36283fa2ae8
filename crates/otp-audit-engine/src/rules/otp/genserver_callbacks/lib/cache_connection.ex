defmodule CacheConnection do #~ otp/genserver-callbacks
  @moduledoc "Owns the cache client that the rest of the app finds as :cache_client."
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init(state) do
    {:ok, client} = CacheClient.start_link(url: System.get_env("CACHE_URL"))
    true = Process.register(client, :cache_client)
    {:ok, state}
  end
end

defmodule CacheWarmer do #~ otp/genserver-callbacks
  @moduledoc "Fills the cache once at boot; callers ask it whether warming is done."
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  def warm?, do: GenServer.call(__MODULE__, :warm?, 5_000)

  @impl true
  def init(state) do
    {:ok, _client} = CacheClient.start_link(url: System.get_env("CACHE_URL"))
    {:ok, state}
  end
end
