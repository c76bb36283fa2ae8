defmodule MyApp.Instrumented do
  @moduledoc "A template: modules that `use` it get init/1 and the handlers."
  defmacro __using__(_opts) do
    quote do
      use GenServer

      @impl true
      def init(arg), do: {:ok, arg}

      @impl true
      def handle_call(msg, _from, state), do: {:reply, {:unknown, msg}, state}

      defoverridable init: 1, handle_call: 3
    end
  end
end

defmodule MyApp.Metrics do
  @moduledoc "Gets init/1 and handle_call/3 from MyApp.Instrumented."
  use GenServer
  use MyApp.Instrumented

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
end

defmodule MyApp.Delegating do
  @moduledoc "Callbacks live in an implementation module."
  use GenServer

  defdelegate init(arg), to: MyApp.Delegating.Impl
  defdelegate handle_call(msg, from, state), to: MyApp.Delegating.Impl
end

defmodule MyApp.TableOwner do
  @moduledoc "Exists only to own an ETS table; it needs no handlers."
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init([]) do
    table = :ets.new(__MODULE__, [:named_table, :public, read_concurrency: true])
    {:ok, table}
  end
end

defmodule MyApp.Conditional do
  @moduledoc "Handlers defined inside a compile-time branch still count."
  use GenServer

  @impl true
  def init(state), do: {:ok, state}

  if Mix.env() == :test do
    @impl true
    def handle_call(:state, _from, state), do: {:reply, state, state}
  else
    @impl true
    def handle_cast(:noop, state), do: {:noreply, state}
  end
end

defmodule MyApp.Plain do
  @moduledoc "Not a GenServer at all."
  def init(opts), do: opts
end
