//! Elixir source templates. `$name` placeholders are filled by `writer::fill`.
//!
//! Every template is written at its final indentation (two spaces inside
//! `defmodule`). Nesting of `if`/`case`/`cond`/`fn`/`for`/`with` inside a
//! function body never exceeds two levels.

// ---------------------------------------------------------------- GenServer client API

pub(crate) const CLIENT_FETCH: &str = r#"
  @spec fetch_$noun(GenServer.server(), term()) :: {:ok, term()} | {:error, :not_found}
  def fetch_$noun(server \\ __MODULE__, key) do
    GenServer.call(server, {:fetch, key}$tmo)
  end
"#;

pub(crate) const CLIENT_PUT: &str = r#"
  @spec put_$noun(GenServer.server(), term(), term()) :: :ok
  def put_$noun(server \\ __MODULE__, key, value) do
    GenServer.call(server, {:put, key, value}$tmo)
  end
"#;

pub(crate) const CLIENT_COUNT: &str = r#"
  @spec $noun_count(GenServer.server()) :: non_neg_integer()
  def $noun_count(server \\ __MODULE__) do
    GenServer.call(server, :count$tmo)
  end
"#;

pub(crate) const CLIENT_DELETE: &str = r#"
  @spec delete_$noun(GenServer.server(), term()) :: :ok
  def delete_$noun(server \\ __MODULE__, key) do
    GenServer.cast(server, {:delete, key})
  end
"#;

pub(crate) const CLIENT_RESET: &str = r#"
  @spec reset(GenServer.server()) :: :ok
  def reset(server \\ __MODULE__) do
    GenServer.cast(server, :reset)
  end
"#;

pub(crate) const CLIENT_LIST: &str = r#"
  @spec list_$nouns(GenServer.server()) :: [term()]
  def list_$nouns(server \\ __MODULE__) do
    GenServer.call(server, :list$tmo)
  end
"#;

pub(crate) const CLIENT_STATS: &str = r#"
  @spec stats(GenServer.server()) :: %{
          size: non_neg_integer(),
          writes: non_neg_integer(),
          uptime_ms: integer()
        }
  def stats(server \\ __MODULE__) do
    GenServer.call(server, :stats$tmo)
  end
"#;

pub(crate) const CLIENT_RECORD: &str = r#"
  @spec record_event(GenServer.server(), term()) :: :ok
  def record_event(server \\ __MODULE__, event) do
    GenServer.cast(server, {:record, event})
  end
"#;

pub(crate) const CLIENT_RECENT: &str = r#"
  @spec recent_events(GenServer.server(), pos_integer()) :: [term()]
  def recent_events(server \\ __MODULE__, n) when is_integer(n) and n > 0 do
    GenServer.call(server, {:recent, n}$tmo)
  end
"#;

pub(crate) const CLIENT_UPDATE: &str = r#"
  @spec update_$noun(GenServer.server(), term(), (term() -> term())) ::
          {:ok, term()} | {:error, :not_found}
  def update_$noun(server \\ __MODULE__, key, fun) when is_function(fun, 1) do
    GenServer.call(server, {:update, key, fun}$tmo)
  end
"#;

pub(crate) const CLIENT_REFRESH: &str = r#"
  @spec refresh(GenServer.server()) :: :ok
  def refresh(server \\ __MODULE__) do
    GenServer.call(server, :refresh$tmo)
  end
"#;

// ---------------------------------------------------------------- GenServer callbacks

pub(crate) const CALL_FETCH: &str = r#"
  def handle_call({:fetch, key}, _from, state) do
    case Map.fetch(state.$coll, key) do
      {:ok, value} -> {:reply, {:ok, value}, state}
      :error -> {:reply, {:error, :not_found}, state}
    end
  end
"#;

pub(crate) const CALL_PUT: &str = r#"
  def handle_call({:put, key, value}, _from, state) do
    $coll = Map.put(state.$coll, key, value)
    {:reply, :ok, %{state | $coll: $coll, writes: state.writes + 1}}
  end
"#;

pub(crate) const CALL_COUNT: &str = r#"
  def handle_call(:count, _from, state) do
    {:reply, map_size(state.$coll), state}
  end
"#;

pub(crate) const CALL_LIST: &str = r#"
  def handle_call(:list, _from, state) do
    $coll =
      state.$coll
      |> Enum.sort_by(fn {key, _value} -> key end)
      |> Enum.map(fn {_key, value} -> value end)

    {:reply, $coll, state}
  end
"#;

pub(crate) const CALL_STATS: &str = r#"
  def handle_call(:stats, _from, state) do
    stats = %{
      size: map_size(state.$coll),
      writes: state.writes,
      uptime_ms: System.monotonic_time(:millisecond) - state.started_at
    }

    {:reply, stats, state}
  end
"#;

pub(crate) const CALL_RECENT: &str = r#"
  def handle_call({:recent, n}, _from, state) do
    {:reply, Enum.take(state.history, n), state}
  end
"#;

pub(crate) const CALL_UPDATE: &str = r#"
  def handle_call({:update, key, fun}, _from, state) do
    case Map.fetch(state.$coll, key) do
      {:ok, current} ->
        updated = fun.(current)
        {:reply, {:ok, updated}, %{state | $coll: Map.put(state.$coll, key, updated)}}

      :error ->
        {:reply, {:error, :not_found}, state}
    end
  end
"#;

pub(crate) const CALL_REFRESH: &str = r#"
  def handle_call(:refresh, _from, state) do
    send(self(), :tick)
    {:reply, :ok, state}
  end
"#;

pub(crate) const CAST_DELETE: &str = r#"
  def handle_cast({:delete, key}, state) do
    {:noreply, %{state | $coll: Map.delete(state.$coll, key)}}
  end
"#;

pub(crate) const CAST_RESET: &str = r#"
  def handle_cast(:reset, state) do
    {:noreply, %{state | $coll: %{}, history: []}}
  end
"#;

pub(crate) const CAST_RECORD: &str = r#"
  def handle_cast({:record, event}, state) do
    history = Enum.take([event | state.history], state.limit)
    {:noreply, %{state | history: history}}
  end
"#;

pub(crate) const INFO_TICK: &str = r#"
  def handle_info(:tick, state) do
    schedule_tick(state.interval)
    {:noreply, prune(state)}
  end
"#;

pub(crate) const INFO_CATCH_ALL: &str = r#"
  def handle_info(_msg, state) do
    {:noreply, state}
  end
"#;

pub(crate) const CONTINUE_WARM_UP: &str = r#"
  @impl true
  def handle_continue(:warm_up, state) do
    Logger.debug("warming up $nouns")
    {:noreply, %{state | started_at: System.monotonic_time(:millisecond)}}
  end
"#;

pub(crate) const TERMINATE: &str = r#"
  @impl true
  def terminate(reason, state) do
    Logger.info("stopping with #{map_size(state.$coll)} $nouns: #{inspect(reason)}")
    :ok
  end
"#;

pub(crate) const SERVER_PRIVATE_TICK: &str = r#"
  defp schedule_tick(interval) do
    Process.send_after(self(), :tick, interval)
  end

  defp prune(state) do
    %{state | history: Enum.take(state.history, state.limit)}
  end
"#;

pub(crate) const START_LINK: &str = r#"
  @spec start_link(keyword()) :: GenServer.on_start()
  def start_link(opts \\ []) do
    name = Keyword.get(opts, :name, __MODULE__)
    GenServer.start_link(__MODULE__, opts, name: name)
  end
"#;

// ---------------------------------------------------------------- Supervisor

pub(crate) const SUP_START_LINK: &str = r#"
  @spec start_link(keyword()) :: Supervisor.on_start()
  def start_link(opts \\ []) do
    name = Keyword.get(opts, :name, __MODULE__)
    Supervisor.start_link(__MODULE__, opts, name: name)
  end
"#;

pub(crate) const SUP_INIT_TAIL: &str = r#"
      {DynamicSupervisor, strategy: :one_for_one, name: $dyn},
      {Registry, keys: :unique, name: $reg}
    ]

    Supervisor.init(children,
      strategy: :$strategy,
      max_restarts: @max_restarts,
      max_seconds: @max_seconds
    )
  end
"#;

pub(crate) const SUP_START_WORKER: &str = r#"
  @spec start_worker(keyword()) :: DynamicSupervisor.on_start_child()
  def start_worker(args) when is_list(args) do
    DynamicSupervisor.start_child($dyn, $childspec)
  end
"#;

pub(crate) const SUP_RUNNING: &str = r#"
  @spec running_children(Supervisor.supervisor()) :: non_neg_integer()
  def running_children(supervisor \\ __MODULE__) do
    supervisor
    |> Supervisor.count_children()
    |> Map.get(:active, 0)
  end
"#;

pub(crate) const SUP_LOOKUP: &str = r#"
  @spec lookup(term()) :: {:ok, pid()} | :error
  def lookup(key) do
    case Registry.lookup($reg, key) do
      [{pid, _value}] -> {:ok, pid}
      [] -> :error
    end
  end
"#;

// ---------------------------------------------------------------- Struct modules

pub(crate) const STRUCT_NEW: &str = r#"
  @spec new(map()) :: {:ok, t()} | {:error, term()}
  def new(attrs) when is_map(attrs) do
    with {:ok, id} <- fetch_required(attrs, :id),
         {:ok, status} <- cast_status(Map.get(attrs, :status, :pending)) do
      {:ok,
       %__MODULE__{
         id: id,
         status: status,
         $field: Map.get(attrs, :$field, 0),
         $ref: Map.get(attrs, :$ref),
         tags: Map.get(attrs, :tags, [])
       }}
    end
  end
"#;

pub(crate) const STRUCT_CAST_STATUS: &str = r#"
  @spec cast_status(atom() | String.t()) :: {:ok, status()} | {:error, {:invalid_status, term()}}
  def cast_status(status) when status in @statuses, do: {:ok, status}

  def cast_status(status) when is_binary(status) do
    case Map.fetch(@status_names, status) do
      {:ok, atom} -> {:ok, atom}
      :error -> {:error, {:invalid_status, status}}
    end
  end

  def cast_status(other), do: {:error, {:invalid_status, other}}
"#;

pub(crate) const STRUCT_TRANSITION: &str = r#"
  @spec transition(t(), status()) :: {:ok, t()} | {:error, {:invalid_transition, status(), status()}}
  def transition(%__MODULE__{status: from} = $noun, to) do
    if {from, to} in @transitions do
      {:ok, %{$noun | status: to}}
    else
      {:error, {:invalid_transition, from, to}}
    end
  end
"#;

pub(crate) const STRUCT_TAG: &str = r#"
  @spec add_tag(t(), String.t()) :: t()
  def add_tag(%__MODULE__{tags: tags} = $noun, tag) when is_binary(tag) do
    tag = String.downcase(tag)

    if tag in tags do
      $noun
    else
      %{$noun | tags: Enum.take([tag | tags], @max_tags)}
    end
  end
"#;

// ---------------------------------------------------------------- Shared private helpers

pub(crate) const HELPER_ARCHIVED: &str = r#"
  defp archived?(%{status: :archived}), do: true
  defp archived?(_other), do: false
"#;

pub(crate) const HELPER_FETCH_REQUIRED: &str = r#"
  defp fetch_required(params, key) do
    case Map.fetch(params, key) do
      {:ok, value} when value not in [nil, ""] -> {:ok, value}
      _missing -> {:error, {:missing, key}}
    end
  end
"#;

pub(crate) const HELPER_PARSE_INTEGER: &str = r#"
  defp parse_integer(value) when is_integer(value), do: {:ok, value}

  defp parse_integer(value) when is_binary(value) do
    case Integer.parse(value) do
      {int, ""} -> {:ok, int}
      _other -> {:error, {:not_an_integer, value}}
    end
  end

  defp parse_integer(value), do: {:error, {:not_an_integer, value}}
"#;

pub(crate) const HELPER_CHECK_RANGE: &str = r#"
  defp check_range(value, min, max) when value >= min and value <= max, do: :ok
  defp check_range(value, _min, _max), do: {:error, {:out_of_range, value}}
"#;

pub(crate) const HELPER_DO_WORK: &str = r#"
  defp do_work(job) do
    job
    |> List.wrap()
    |> Enum.count()
  end
"#;

pub(crate) const HELPER_TRANSFORM: &str = r#"
  defp transform(item) when is_map(item), do: Map.put(item, :transformed, true)
  defp transform(item), do: item
"#;

// ---------------------------------------------------------------- Clean function templates

pub(crate) const T_SUM: &str = r#"
  @spec $fn([map()]) :: number()
  def $fn($nouns) when is_list($nouns) do
    $nouns
    |> Enum.reject(&archived?/1)
    |> Enum.map(&Map.get(&1, :$field, 0))
    |> Enum.sum()
  end
"#;

pub(crate) const T_FETCH: &str = r#"
  @spec $fn(map(), term()) :: {:ok, map()} | {:error, :archived | :not_found}
  def $fn($nouns, id) when is_map($nouns) do
    case Map.fetch($nouns, id) do
      {:ok, %{status: :archived}} -> {:error, :archived}
      {:ok, $noun} -> {:ok, $noun}
      :error -> {:error, :not_found}
    end
  end
"#;

pub(crate) const T_WITH: &str = r#"
  @spec $fn(map()) :: {:ok, map()} | {:error, term()}
  def $fn(params) when is_map(params) do
    with {:ok, name} <- fetch_required(params, "name"),
         {:ok, $field} <- parse_integer(Map.get(params, "$field", "0")),
         :ok <- check_range($field, 0, @max_$field) do
      {:ok, %{name: name, $field: $field}}
    else
      {:error, reason} -> {:error, {:invalid_$noun, reason}}
    end
  end
"#;

pub(crate) const T_COUNT_BY: &str = r#"
  @spec $fn([map()]) :: %{optional(term()) => pos_integer()}
  def $fn($nouns) do
    Enum.reduce($nouns, %{}, fn $noun, acc ->
      Map.update(acc, $noun.$key, 1, &(&1 + 1))
    end)
  end
"#;

pub(crate) const T_COND: &str = r#"
  @spec $fn(number()) :: :low | :normal | :high | :critical
  def $fn(value) when is_number(value) do
    cond do
      value < $t1 -> :low
      value < $t2 -> :normal
      value < $t3 -> :high
      true -> :critical
    end
  end
"#;

pub(crate) const T_CLAUSES: &str = r#"
  @spec $fn(String.t()) :: :$a | :$b | :$c | {:unknown, String.t()}
  def $fn("$a"), do: :$a
  def $fn("$b"), do: :$b
  def $fn("$c"), do: :$c
  def $fn(other) when is_binary(other), do: {:unknown, other}
"#;

pub(crate) const T_FOR: &str = r#"
  @spec $fn([map()], [atom()]) :: [{atom(), term()}]
  def $fn($nouns, keys) when is_list(keys) do
    for $noun <- $nouns, key <- keys, Map.has_key?($noun, key) do
      {key, Map.fetch!($noun, key)}
    end
  end
"#;

pub(crate) const T_SLUG: &str = r#"
  @spec $fn(String.t()) :: String.t()
  def $fn(text) when is_binary(text) do
    text
    |> String.trim()
    |> String.downcase()
    |> String.replace(~r/[^a-z0-9]+/u, "$sep")
    |> String.trim("$sep")
  end
"#;

pub(crate) const T_DISCOUNT: &str = r#"
  @spec $fn(number(), number()) :: number()
  def $fn(total, percent) when percent >= 0 and percent <= 100 do
    discount = total * percent / 100

    if discount > @max_discount do
      total - @max_discount
    else
      total - discount
    end
  end
"#;

pub(crate) const T_GROUP_SUM: &str = r#"
  @spec $fn([map()]) :: %{optional(term()) => number()}
  def $fn($nouns) do
    $nouns
    |> Enum.group_by(& &1.$key, & &1.$field)
    |> Map.new(fn {$key, values} -> {$key, Enum.sum(values)} end)
  end
"#;

pub(crate) const T_OPTIONS: &str = r#"
  @spec $fn(keyword()) :: %{limit: pos_integer(), order: :asc | :desc, offset: non_neg_integer()}
  def $fn(opts \\ []) when is_list(opts) do
    limit = Keyword.get(opts, :limit, @default_limit)
    order = Keyword.get(opts, :order, :asc)
    offset = Keyword.get(opts, :offset, 0)

    %{limit: min(limit, @max_limit), order: order, offset: max(offset, 0)}
  end
"#;

pub(crate) const T_LOG_FAILURE: &str = r#"
  @spec $fn(term(), keyword()) :: {:error, term()}
  def $fn(reason, metadata \\ []) do
    Logger.warning("$noun operation failed: #{inspect(reason)}", metadata)
    {:error, reason}
  end
"#;

pub(crate) const T_TOP: &str = r#"
  @spec $fn([map()], pos_integer()) :: [map()]
  def $fn($nouns, n \\ $n) when is_integer(n) and n > 0 do
    $nouns
    |> Enum.sort_by(& &1.$field, :desc)
    |> Enum.take(n)
  end
"#;

pub(crate) const T_SPLIT_RESULTS: &str = r#"
  @spec $fn([{:ok, term()} | {:error, term()}]) :: %{optional(:ok | :error) => [term()]}
  def $fn(results) when is_list(results) do
    results
    |> Enum.map(fn result ->
      case result do
        {:ok, value} -> {:ok, value}
        {:error, reason} -> {:error, reason}
        other -> {:error, {:unexpected, other}}
      end
    end)
    |> Enum.group_by(&elem(&1, 0), &elem(&1, 1))
  end
"#;

pub(crate) const T_EXPIRED: &str = r#"
  @spec $fn(map(), DateTime.t()) :: boolean()
  def $fn(%{expires_at: %DateTime{} = expires_at}, now) do
    DateTime.compare(expires_at, now) == :lt
  end

  def $fn(_$noun, _now), do: false
"#;

pub(crate) const T_REDUCE_WHILE: &str = r#"
  @spec $fn([number()], number()) :: {:ok, number()} | {:error, :limit_exceeded}
  def $fn(values, limit) do
    Enum.reduce_while(values, {:ok, 0}, fn value, {:ok, acc} ->
      if acc + value > limit do
        {:halt, {:error, :limit_exceeded}}
      else
        {:cont, {:ok, acc + value}}
      end
    end)
  end
"#;

pub(crate) const T_SETTING: &str = r#"
  @spec $fn(map(), [term()], term()) :: term()
  def $fn(config, path, default \\ nil) when is_map(config) and is_list(path) do
    case get_in(config, path) do
      nil -> default
      value -> value
    end
  end
"#;

pub(crate) const T_CONFIG: &str = r#"
  @spec $fn() :: pos_integer()
  def $fn do
    :my_app
    |> Application.get_env(__MODULE__, [])
    |> Keyword.get(:$key, $n)
  end
"#;

pub(crate) const T_BATCH: &str = r#"
  @spec $fn([term()], pos_integer()) :: [{non_neg_integer(), [term()]}]
  def $fn($nouns, size \\ @batch_size) when is_integer(size) and size > 0 do
    $nouns
    |> Enum.chunk_every(size)
    |> Enum.with_index()
    |> Enum.map(fn {batch, index} -> {index, batch} end)
  end
"#;

pub(crate) const T_ACCEPT: &str = r#"
  @spec $fn([map()]) :: {:ok, non_neg_integer()}
  def $fn($nouns) when is_list($nouns) do
    started = System.monotonic_time(:millisecond)
    valid = Enum.filter($nouns, &$helper/1)
    elapsed = System.monotonic_time(:millisecond) - started
    Logger.info("accepted #{length(valid)} of #{length($nouns)} $nouns in #{elapsed}ms")
    {:ok, length(valid)}
  end

  defp $helper(%{id: id}) when not is_nil(id), do: true
  defp $helper(_$noun), do: false
"#;

pub(crate) const T_MERGE: &str = r#"
  @spec $fn(map(), map()) :: map()
  def $fn(current, changes) when is_map(current) and is_map(changes) do
    allowed = Map.take(changes, @$attr)

    Map.merge(current, allowed, fn
      _key, old, nil -> old
      _key, _old, new -> new
    end)
  end
"#;

pub(crate) const T_PERCENTILE: &str = r#"
  @spec $fn([number()], number()) :: number() | nil
  def $fn([], _percentile), do: nil

  def $fn(values, percentile) when percentile >= 0 and percentile <= 100 do
    sorted = Enum.sort(values)
    index = round((length(sorted) - 1) * percentile / 100)
    Enum.at(sorted, index)
  end
"#;

pub(crate) const T_DEDUP: &str = r#"
  @spec $fn([map()]) :: [map()]
  def $fn($nouns) do
    $nouns
    |> Enum.sort_by(& &1.$field, :desc)
    |> Enum.uniq_by(& &1.id)
    |> Enum.sort_by(& &1.id)
  end
"#;

pub(crate) const T_FORMAT: &str = r##"
  @spec $fn(map()) :: String.t()
  def $fn(%{id: id} = $noun) do
    $field = Map.get($noun, :$field, 0)
    label = Map.get($noun, :label, "unnamed")
    "#{label} ##{id} ($field: #{$field})"
  end
"##;

// ---------------------------------------------------------------- Planted violations (lib)

pub(crate) const V_SEND: &str = r#"
  @spec $fn(pid(), term()) :: :ok
  def $fn($pid, $x) do
    send($pid, {:event, $x})
    :ok
  end
"#;

pub(crate) const V_SEND_LOGGED: &str = r#"
  @spec $fn(pid(), term()) :: :ok
  def $fn($pid, $x) do
    Logger.debug("forwarding $noun change")
    send($pid, {:event, $x})
    :ok
  end
"#;

pub(crate) const V_CALL: &str = r#"
  @spec $fn(GenServer.server()) :: term()
  def $fn(server) do
    GenServer.call(server, :request)
  end
"#;

pub(crate) const V_CALL_CASE: &str = r#"
  @spec $fn(GenServer.server()) :: term()
  def $fn(server) do
    case GenServer.call(server, :request) do
      {:ok, $noun} -> $noun
      _failure -> nil
    end
  end
"#;

pub(crate) const V_SPAWN: &str = r#"
  @spec $fn(term()) :: :ok
  def $fn($x) do
    spawn(fn -> do_work($x) end)
    :ok
  end
"#;

pub(crate) const V_PDICT: &str = r#"
  @spec $fn(term()) :: {:ok, term()}
  def $fn($x) do
    Process.put({:last_seen, :$fn}, $x)
    {:ok, $x}
  end
"#;

pub(crate) const V_UNUSED: &str = r#"
  @spec $fn([term()]) :: {:ok, non_neg_integer()}
  def $fn(items) when is_list(items) do
    Enum.map(items, &transform/1)
    {:ok, length(items)}
  end
"#;

pub(crate) const V_UNUSED_LOGGED: &str = r#"
  @spec $fn([term()]) :: :ok
  def $fn(items) when is_list(items) do
    Enum.map(items, &transform/1)
    Logger.info("synced #{length(items)} $nouns")
    :ok
  end
"#;
