defmodule MyApp.RedisKeeper do
  @moduledoc "Holds the Redis connection; a bad URL fails the start with a clear error."
  use GenServer

  def start_link(url), do: GenServer.start_link(__MODULE__, url, name: __MODULE__)

  @impl true
  def init(url) do
    # Trap only around the linked start, so a refused connection comes back as a
    # value instead of an exit signal that kills init/1 first.
    Process.flag(:trap_exit, true)
    result = MyApp.Redis.start_link(url)
    Process.flag(:trap_exit, false)

    case result do
      {:ok, conn} -> {:ok, %{conn: conn}}
      {:error, reason} -> {:stop, {:redis_unreachable, url, reason}}
    end
  end

  @impl true
  def handle_call(:conn, _from, state), do: {:reply, state.conn, state}
end

defmodule MyApp.RedisWatcher do
  @moduledoc "Holds a Redis connection and traps exits from then on."
  use GenServer

  def start_link(url), do: GenServer.start_link(__MODULE__, url)

  @impl true
  def init(url) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    {:ok, conn} = MyApp.Redis.start_link(url)
    {:ok, %{conn: conn}}
  end

  @impl true
  def handle_call(:conn, _from, state), do: {:reply, state.conn, state}
end
