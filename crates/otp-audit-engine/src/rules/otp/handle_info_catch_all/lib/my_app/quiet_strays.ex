defmodule MyApp.SessionHolder do
  @moduledoc false
  # Traps exits and takes every :EXIT, sets no monitor and asks no other server for
  # anything: no late reply, :DOWN or :EXIT can arrive unmatched.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def session(pid), do: GenServer.call(pid, :session, 5_000)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, %{opts: opts, session: nil}, {:continue, :open}}
  end

  @impl true
  def handle_continue(:open, state), do: {:noreply, open(state)}

  @impl true
  def handle_call(:session, _from, state), do: {:reply, state.session, state}

  @impl true
  def handle_info(:reopen, state), do: {:noreply, open(state)}

  def handle_info({:EXIT, _pid, reason}, state) do #~ otp/handle-info-catch-all
    {:stop, reason, state}
  end

  defp open(state), do: %{state | session: make_ref()}
end

defmodule MyApp.OwnerLease do
  @moduledoc false
  # Monitors its owner once, in init/1, and matches that :DOWN by the ref it keeps.
  use GenServer

  def start_link(owner), do: GenServer.start_link(__MODULE__, owner)

  @impl true
  def init(owner) do
    ref = Process.monitor(owner)
    {:ok, %{owner: {owner, ref}, items: []}}
  end

  @impl true
  def handle_info({:DOWN, ref, _, _pid, _reason}, %{owner: {_, ref}} = state) do
    {:stop, :normal, state}
  end

  def handle_info({:put, item}, state) do #~ otp/handle-info-catch-all
    {:noreply, %{state | items: [item | state.items]}}
  end
end

defmodule MyApp.ClientLeases do
  @moduledoc false
  # Monitors every caller but matches only the latest one's :DOWN by ref: an older
  # monitor's :DOWN arrives unmatched.
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil)

  @impl true
  def init(nil), do: {:ok, %{ref: nil}}

  @impl true
  def handle_call(:lease, {pid, _}, state) do
    {:reply, :ok, %{state | ref: Process.monitor(pid)}}
  end

  @impl true
  def handle_info({:DOWN, ref, _, _, _}, %{ref: ref} = state) do #~ otp/handle-info-catch-all
    {:noreply, %{state | ref: nil}}
  end
end

defmodule MyApp.WorkerLink do
  @moduledoc false
  # Traps exits but matches only its own worker's :EXIT: any other linked exit crashes it.
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil)

  @impl true
  def init(nil) do
    Process.flag(:trap_exit, true)
    {:ok, pid} = Task.start_link(fn -> :ok end)
    {:ok, %{worker: pid}}
  end

  @impl true
  def handle_info({:EXIT, pid, _reason}, %{worker: pid} = state) do #~ otp/handle-info-catch-all
    {:stop, :worker_down, state}
  end
end

defmodule MyApp.GroupMember do
  @moduledoc false
  # Joins its group right after init/1 through a one-shot 0 timeout; nothing returns
  # a timeout again, so this is not an idle-timeout loop.
  use GenServer

  def start_link(group), do: GenServer.start_link(__MODULE__, group)

  @impl true
  def init(group), do: {:ok, %{group: group, joined: false}, 0}

  @impl true
  def handle_info(:timeout, %{joined: false} = state) do
    :ok = GenServer.call(state.group, {:join, self()}, 5_000)
    {:noreply, %{state | joined: true}}
  end

  def handle_info({:assigned, work}, state) do #~ otp/handle-info-catch-all
    {:noreply, Map.put(state, :work, work)}
  end
end

defmodule MyApp.IdleReaper do
  @moduledoc false
  # Starts with a timeout and returns it again from every callback: an idle-timeout loop.
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil)

  @impl true
  def init(nil), do: {:ok, %{}, 0}

  @impl true
  def handle_info(:timeout, state) do
    :ok = GenServer.call(MyApp.Registry, :ping, 1_000)
    {:noreply, state, 30_000}
  end

  def handle_info({:touch, key}, state) do #~ otp/handle-info-catch-all
    {:noreply, Map.put(state, key, true), 30_000}
  end
end

defmodule MyApp.ShardKeeper do
  @moduledoc false
  # Traps exits so terminate/2 runs, takes every :DOWN, and starts its shards under a
  # supervisor named in the call: the shards link to that supervisor, not to this
  # server, so no :EXIT can reach handle_info/2.
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, %{sup: opts[:sup], shards: %{}}}
  end

  @impl true
  def handle_info({:place, id, spec}, state) do
    {:ok, pid} = DynamicSupervisor.start_child(state.sup, spec)
    {:noreply, put_in(state.shards[Process.monitor(pid)], id)}
  end

  def handle_info({:DOWN, ref, _type, _pid, _reason}, state) do #~ otp/handle-info-catch-all
    {:noreply, %{state | shards: Map.delete(state.shards, ref)}}
  end

  @impl true
  def terminate(_reason, state), do: Enum.each(Map.keys(state.shards), &Process.demonitor/1)
end

defmodule MyApp.UpgradeKeeper do
  @moduledoc false
  # Traps exits to hear of the updater it links to, and binds each :EXIT whole.
  use GenServer

  def start_link(updater), do: GenServer.start_link(__MODULE__, updater)

  @impl true
  def init(updater) do
    Process.flag(:trap_exit, true)
    {:ok, %{updater: updater, running: nil}}
  end

  @impl true
  def handle_cast({:apply, info}, state) do
    {:ok, pid} = state.updater.start_update(info)
    {:noreply, %{state | running: pid}}
  end

  @impl true
  def handle_info({:progress, percent}, state), do: {:noreply, Map.put(state, :percent, percent)}

  def handle_info({:EXIT, _, _} = msg, state) do #~ otp/handle-info-catch-all
    require Logger
    Logger.info("updater ended: #{inspect(msg)}")
    {:noreply, %{state | running: nil}}
  end
end
