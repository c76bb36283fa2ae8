defmodule MyApp.GenerationKeeper do
  @moduledoc """
  Traps exits only so that `terminate/2` runs on shutdown; it links to nothing but
  its supervisor, whose `:EXIT` gen_server handles itself.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    Process.send_after(self(), :rotate, Keyword.get(opts, :every, 60_000))
    {:ok, %{generation: 0}}
  end

  @impl true
  def handle_info(:rotate, state), do: {:noreply, %{state | generation: state.generation + 1}} #~ otp/handle-info-catch-all

  @impl true
  def terminate(_reason, _state), do: :ok
end

defmodule MyApp.WorkerKeeper do
  @moduledoc "Traps exits and links a worker of its own: the worker's `:EXIT` reaches `handle_info/2`."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    Process.flag(:trap_exit, true)
    worker = spawn_link(fn -> Process.sleep(:infinity) end)
    {:ok, %{worker: worker}}
  end

  @impl true
  def handle_info(:ping, state), do: {:noreply, state} #~ otp/handle-info-catch-all
end

defmodule MyApp.PeerCache do
  @moduledoc """
  Copies a peer's table at start with `:rpc.call/4`, which waits until the answer
  comes: no late reply can arrive.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    rows =
      case Node.list() do
        [peer | _] -> :rpc.call(peer, :ets, :tab2list, [:peer_cache])
        [] -> []
      end

    {:ok, Map.new(List.wrap(rows))}
  end

  @impl true
  def handle_info({:put, key, value}, state), do: {:noreply, Map.put(state, key, value)} #~ otp/handle-info-catch-all
end

defmodule MyApp.PeerStats do
  @moduledoc "Asks a peer with a 5 s timeout: the reply can come after the caller gave up."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_info({:refresh, peer}, state) do #~ otp/handle-info-catch-all
    {:noreply, Map.put(state, peer, GenServer.call({__MODULE__, peer}, :stats, 5_000))}
  end

  @impl true
  def handle_call(:stats, _from, state), do: {:reply, map_size(state), state}
end

defmodule MyApp.PulseBeacon do
  @moduledoc """
  Starts beating from `handle_continue/2`; the `else` branch is a fallback for OTP
  releases before 21, which no supported Elixir runs on.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    if :erlang.system_info(:otp_release) >= ~c"21" do
      {:ok, opts, {:continue, :beat}}
    else
      {:ok, opts, 0}
    end
  end

  if :erlang.system_info(:otp_release) >= ~c"21" do
    @impl true
    def handle_continue(_, state), do: handle_info(:beat, state)
  else
    @impl true
    def handle_info(:timeout, state), do: handle_info(:beat, state)
  end

  @impl true
  def handle_info(:beat, state) do #~ otp/handle-info-catch-all
    Process.send_after(self(), :beat, 5_000)
    {:noreply, state}
  end
end
