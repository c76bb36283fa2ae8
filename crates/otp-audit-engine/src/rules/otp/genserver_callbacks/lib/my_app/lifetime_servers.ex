defmodule MyApp.DrainOnShutdown do
  @moduledoc "Exists for its lifetime: traps exits so terminate/2 drains on shutdown."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, Keyword.fetch!(opts, :pool)}
  end

  @impl true
  def terminate(_reason, pool) do
    MyApp.ConnectionPool.drain(pool, timeout: 10_000)
  end
end

defmodule MyApp.Plugins.Disabled do
  @moduledoc "A plugin that only occupies its slot in the tree: init/1 returns :ignore."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(_opts), do: :ignore
end

defmodule MyApp.CleanupWithoutTrap do #~ otp/genserver-callbacks
  @moduledoc "terminate/2 does not run on shutdown without trapping exits."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, opts}

  @impl true
  def terminate(_reason, opts), do: MyApp.ConnectionPool.drain(opts[:pool], timeout: 5_000)
end

defmodule MyApp.Counter do #~ otp/genserver-callbacks
  @moduledoc "Its clients call it, and it has no handle_call/3."
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)
  def increment, do: GenServer.cast(__MODULE__, :increment)

  @impl true
  def init(count), do: {:ok, count}
end
