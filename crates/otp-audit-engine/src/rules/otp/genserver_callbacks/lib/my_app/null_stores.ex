defmodule MyApp.Store do
  @moduledoc "What a job store must offer; stores sit in the supervision tree."
  @callback child_spec(term) :: Supervisor.child_spec()
  @callback fetch(term) :: {:ok, term} | :error
end

defmodule MyApp.Store.Null do
  @moduledoc "A store that keeps nothing: it never starts, use GenServer gives its child_spec."
  @behaviour MyApp.Store
  use GenServer

  @impl GenServer
  def init(_opts), do: {:ok, nil}

  def start_link(_opts), do: :ignore

  @impl MyApp.Store
  def fetch(_key), do: :error
end

defmodule MyApp.Store.Null.Verbose do
  @moduledoc "Same idea with start_link in do-block form and two clauses."
  use GenServer

  @impl true
  def init(_opts), do: {:ok, nil}

  def start_link(opts) when is_list(opts) do
    _ = Keyword.get(opts, :name)
    :ignore
  end

  def start_link(_other), do: :ignore
end

defmodule MyApp.Store.Sometimes do #~ otp/genserver-callbacks
  @moduledoc "Starts for real when enabled, so it must handle its messages."
  use GenServer

  @impl true
  def init(opts), do: {:ok, opts}

  def start_link(opts) do
    if Keyword.get(opts, :enabled, false) do
      GenServer.start_link(__MODULE__, opts)
    else
      :ignore
    end
  end

  def fetch(key), do: GenServer.call(__MODULE__, {:fetch, key}, 5_000)
end

defmodule MyApp.Store.Null.Logged do
  @moduledoc "Never starts either: each branch of its start_link returns :ignore."
  use GenServer

  require Logger

  @impl true
  def init(_opts), do: {:ok, nil}

  def start_link(opts) do
    case Keyword.get(opts, :reason) do
      nil ->
        :ignore

      reason ->
        Logger.info("null store skipped: #{inspect(reason)}")
        :ignore
    end
  end
end
