defmodule MyApp.Presence.Member do
  @moduledoc "Joins the :pg group on start; membership lasts as long as the process."
  use GenServer

  @scope :my_app_presence

  def start_link(group), do: GenServer.start_link(__MODULE__, group)

  @impl true
  def init(group) do
    :ok = :pg.join(@scope, group, self())
    {:ok, group}
  end
end

defmodule MyApp.Workers.Listing do
  @moduledoc "Registers itself under a key so lookups find every live worker."
  use GenServer

  def start_link(key), do: GenServer.start_link(__MODULE__, key)

  @impl true
  def init(key) do
    {:ok, _owner} = Registry.register(MyApp.WorkerRegistry, key, nil)
    {:ok, key}
  end
end

defmodule MyApp.Cluster.Leader do
  @moduledoc "Holds a cluster-wide name while it lives."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    :yes = :global.register_name(__MODULE__, self())
    {:ok, opts}
  end
end

defmodule MyApp.Settings.Holder do #~ otp/genserver-callbacks
  @moduledoc "Holds settings but answers nothing: no membership, no handlers."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    {:ok, Map.new(opts)}
  end
end
