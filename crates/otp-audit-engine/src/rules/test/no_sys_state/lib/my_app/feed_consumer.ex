defmodule MyApp.FeedConsumer do
  @moduledoc """
  A behaviour for processes that consume one feed of the broker. Every consumer
  keeps a `%MyApp.FeedConsumer.State{}` and hands it to each callback.
  """

  defmodule State do
    @moduledoc "The state of every feed consumer, as its callbacks receive it."
    @type t :: %__MODULE__{}
    defstruct channel: nil, consumer_tag: nil, feed: nil, handled: 0
  end

  @callback handle_item(State.t(), term) :: :ok | {:stop, term}

  defmacro __using__(_opts) do
    quote do
      @behaviour MyApp.FeedConsumer
      def start_link(opts), do: MyApp.FeedConsumer.start_link(__MODULE__, opts)
    end
  end

  use GenServer

  def start_link(mod, opts), do: GenServer.start_link(__MODULE__, {mod, opts})

  def handled_count(consumer), do: GenServer.call(consumer, :handled_count, 5_000)

  @impl true
  def init({_mod, opts}), do: {:ok, %State{feed: opts[:feed]}}

  @impl true
  def handle_call(:handled_count, _from, state), do: {:reply, state.handled, state}
end

defmodule MyApp.FeedCursor do
  @moduledoc "Not a behaviour: its nested struct is a private detail."

  defmodule Position do
    defstruct [:offset, :feed]
  end

  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %Position{offset: 0, feed: opts[:feed]}}
end
