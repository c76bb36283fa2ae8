defmodule MyApp.Relay do
  @moduledoc """
  A behaviour for processes that hold a queue of jobs and hand them to the
  listeners that joined. Every relay process keeps a `%MyApp.Relay{}` as its
  state and the callback module's own state inside it.
  """

  @callback init(term) :: {:ok, term}
  @callback handle_job(term, term) :: {:noreply, term}

  defstruct [:mod, :inner, :pending, listeners: %{}, paused?: false]

  defmacro __using__(_opts) do
    quote do
      @behaviour MyApp.Relay
    end
  end

  def start_link(mod, arg, opts \\ []) do
    GenServer.start_link(__MODULE__, {mod, arg}, opts)
  end

  def join(relay, listener), do: GenServer.call(relay, {:join, listener}, 5_000)

  def pending_jobs_count(relay, timeout \\ 5000), do: GenServer.call(relay, :pending_count, timeout)

  def push(relay, job), do: GenServer.cast(relay, {:push, job})

  def init({mod, arg}) do
    {:ok, inner} = mod.init(arg)
    {:ok, %__MODULE__{mod: mod, inner: inner, pending: :queue.new()}}
  end

  def handle_call({:join, listener}, _from, relay) do
    ref = Process.monitor(listener)
    {:reply, :ok, %{relay | listeners: Map.put(relay.listeners, ref, listener)}}
  end

  def handle_call(:pending_count, _from, relay) do
    {:reply, :queue.len(relay.pending), relay}
  end

  def handle_cast({:push, job}, relay) do
    {:noreply, %{relay | pending: :queue.in(job, relay.pending)}}
  end
end
