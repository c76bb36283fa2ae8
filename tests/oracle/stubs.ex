# What the rule fixtures' lib/ files need from the world outside them to compile:
# structs they match on and configuration read at compile time. Calls to modules
# that do not exist are only warnings, so they need no stub.

Application.put_env(:my_app, :region, "eu-west-1")
Application.put_env(:my_app, :mail_from, "shop@example.com")

defmodule MyApp.Orders.Order do
  defstruct [:id, :status]
end

defmodule MyApp.RateLimited do
  defmacro __using__(opts) do
    quote do
      @rate_limit unquote(opts)
    end
  end
end

defmodule Shop.Todos.Task do
  defstruct [:id, :title, :due_at]
end

defmodule MyApp.Srv do
  def call(server, request), do: GenServer.call(server, request)
end

defmodule MyApp.ServerTemplate do
  def init_quoted do
    quote do
      @impl true
      def init(state), do: {:ok, state}
    end
  end

  defmacro __before_compile__(_env), do: init_quoted()
end

# The `fsm` library's macros, as far as the no-raw-send fixture uses them: each
# `defevent` inside a `defstate` becomes a function of the event's arguments and data.
defmodule Fsm do
  defmacro __using__(_opts) do
    quote do
      import Fsm, only: [defstate: 2, defevent: 3, next_state: 2]
    end
  end

  defmacro defstate(_state, do: events), do: events

  defmacro defevent(event, opts, do: body) do
    {name, args} =
      case event do
        {name, _, args} when is_list(args) -> {name, args}
        {name, _, _context} -> {name, []}
      end

    data = Keyword.fetch!(opts, :data)

    quote do
      def unquote(name)(unquote_splicing(args), unquote(data)), do: unquote(body)
    end
  end

  def next_state(state, data), do: {state, data}
end

# GenStage and its ConsumerSupervisor, as far as `use` goes: the fixtures only need
# the modules that they `use` to exist.
# A LiveView's callbacks are plain functions; the fixtures need the `use` and the
# `assign` it imports.
defmodule Phoenix.LiveView do
  defmacro __using__(_opts), do: quote(do: import(Phoenix.LiveView))
  def assign(socket, pairs), do: Enum.reduce(pairs, socket, fn {k, v}, s -> assign(s, k, v) end)
  def assign(socket, key, value), do: Map.update(socket, :assigns, %{key => value}, &Map.put(&1, key, value))
  def connected?(_socket), do: true
end

defmodule Phoenix.PubSub do
  def subscribe(_pubsub, _topic), do: :ok
  def broadcast(_pubsub, _topic, _message), do: :ok
end

defmodule GenStage do
  defmacro __using__(_opts), do: quote(do: nil)
end

# Broadway's `use`: a behaviour with the processor and batcher callbacks.
defmodule Broadway do
  @callback handle_message(atom(), term(), term()) :: term()
  @callback handle_batch(atom(), [term()], term(), term()) :: [term()]
  @optional_callbacks handle_batch: 4

  defmacro __using__(_opts), do: quote(do: @behaviour(Broadway))
  def start_link(_module, _opts), do: {:ok, self()}
end

defmodule Broadway.Message do
  defstruct data: nil, status: :ok
  def failed(message, reason), do: %{message | status: {:failed, reason}}
end

# gen_state_machine's `use`: a `:gen_statem` in `:handle_event_function` mode.
defmodule GenStateMachine do
  defmacro __using__(_opts) do
    quote do
      @behaviour :gen_statem
      def callback_mode, do: :handle_event_function
      defoverridable callback_mode: 0
    end
  end

  def start_link(module, args, opts \\ []), do: :gen_statem.start_link({:local, opts[:name]}, module, args, [])
end

defmodule ConsumerSupervisor do
  defmacro __using__(_opts), do: quote(do: nil)
end

# Plug's adapter behaviour, as far as the no-raw-send fixture implements it.
defmodule Plug.Conn.Adapter do
  @callback send_resp(payload :: term, status :: integer, headers :: list, body :: iodata) ::
              {:ok, iodata | nil, term}
end

# DBConnection, as far as the trap-exit-unhandled fixture implements it: the
# behaviour owns the connection process and calls `disconnect/2` when it goes.
defmodule DBConnection do
  @callback connect(opts :: Keyword.t()) :: {:ok, term} | {:error, term}
  @callback disconnect(err :: term, state :: term) :: :ok

  defmacro __using__(_opts) do
    quote do
      @behaviour DBConnection
    end
  end
end

# A Phoenix app's `use MyAppWeb, :live_view`, as the unsupervised-start fixture writes it.
defmodule ShopWeb do
  defmacro __using__(:live_view), do: quote(do: use(Phoenix.LiveView))
end

# Plug.Conn, as far as the no-assertion fixture's plug imports it.
defmodule Plug.Conn do
  def put_resp_header(conn, _key, _value), do: conn
  def halt(conn), do: conn
  def assign(conn, _key, _value), do: conn
  def send_resp(conn, _status, _body), do: conn
end

# Plug.Builder, as far as the no-process-dictionary and compile-time-env fixtures go: `plug :name`
# steps run in order by an overridable `call/2`, so `super(conn, opts)` runs them.
defmodule Plug.Builder do
  defmacro __using__(_opts) do
    quote do
      import Plug.Builder, only: [plug: 1, plug: 2]
      Module.register_attribute(__MODULE__, :plugs, accumulate: true)
      @before_compile Plug.Builder
      def call(conn, opts), do: run_plugs(conn, opts)
      defoverridable call: 2
    end
  end

  # Like Plug's, the options are evaluated while the module compiles.
  defmacro plug(name, opts \\ []), do: quote(do: @plugs({unquote(name), unquote(opts)}))

  defmacro __before_compile__(env) do
    steps = env.module |> Module.get_attribute(:plugs) |> Enum.reverse()
    body =
      Enum.reduce(steps, quote(do: conn), fn {step, opts}, acc ->
        quote(do: unquote(step)(unquote(acc), unquote(Macro.escape(opts))))
      end)

    quote do
      defp run_plugs(conn, _opts), do: unquote(body)
    end
  end
end

# Ecto's custom type behaviour, as far as the unsafe-atom fixture's `use` goes.
defmodule Ecto.Type do
  defmacro __using__(_opts), do: quote(do: nil)
end

# A LiveComponent's `use`, with the `assign` a LiveView imports.
defmodule Phoenix.LiveComponent do
  defmacro __using__(_opts), do: quote(do: import(Phoenix.LiveView))
end

# Tesla's builder, as far as the compile-time-env fixture goes: `plug` keeps its
# options as code, which the generated `__middleware__/0` runs on each request.
defmodule Tesla do
  defmacro __using__(_opts) do
    quote do
      import Tesla, only: [plug: 1, plug: 2]
      Module.register_attribute(__MODULE__, :tesla_middleware, accumulate: true)
      @before_compile Tesla
    end
  end

  defmacro plug(middleware, opts \\ nil) do
    quote(do: @tesla_middleware({unquote(Macro.escape(middleware)), unquote(Macro.escape(opts))}))
  end

  defmacro __before_compile__(env) do
    steps =
      env.module
      |> Module.get_attribute(:tesla_middleware)
      |> Enum.reverse()
      |> Enum.map(fn {middleware, opts} -> quote(do: {unquote(middleware), unquote(opts)}) end)

    quote do
      def __middleware__, do: unquote(steps)
    end
  end
end

# The `retry` library: `retry with: delays do ... end` runs the block until it
# succeeds, sleeping between attempts; the stub runs it once.
defmodule Retry do
  defmacro __using__(_opts), do: quote(do: import(Retry))
  defmacro retry(_opts, do: block), do: block
  def exponential_backoff, do: Stream.iterate(10, &(&1 * 2))
  def expiry(delays, _ms), do: delays
end

# Plug.Router, as far as the compile-time-env fixture goes: `plug` options are
# evaluated while the module compiles, and each route's block becomes a function of
# `conn`, run per request.
defmodule Plug.Router do
  defmacro __using__(_opts) do
    quote do
      import Plug.Router
      import Plug.Conn
      Module.register_attribute(__MODULE__, :plugs, accumulate: true)
    end
  end

  defmacro plug(name, opts \\ []), do: quote(do: @plugs({unquote(name), unquote(opts)}))

  for verb <- [:get, :post, :put, :patch, :delete, :options, :head, :match] do
    defmacro unquote(verb)(_path, do: block) do
      name = :"__route_#{System.unique_integer([:positive])}__"
      quote(do: def(unquote(name)(var!(conn)), do: unquote(block)))
    end
  end
end

# Parent (sasa1977/parent), as far as the unsupervised-start fixture's `use` goes.
defmodule Parent.GenServer do
  defmacro __using__(_opts), do: quote(do: use(GenServer))
end

# The `ex2ms` library: `fun do pattern -> result end` builds an ETS match spec at
# compile time; the stub returns a spec that matches everything.
defmodule Ex2ms do
  defmacro fun(do: _clauses), do: quote(do: [{:_, [], [true]}])
end

# Phoenix.Channel's `use`: the push/3 it imports.
defmodule Phoenix.Channel do
  defmacro __using__(_opts), do: quote(do: import(Phoenix.Channel))
  def push(_socket, _event, _payload), do: :ok
end

# WebSockex's `use`: a behaviour with the frame callback, and its client calls.
defmodule WebSockex do
  @callback handle_frame(term(), term()) :: term()
  defmacro __using__(_opts), do: quote(do: @behaviour(WebSockex))
  def start_link(_url, _module, _state), do: {:ok, self()}
  def send_frame(_client, _frame), do: :ok
end
