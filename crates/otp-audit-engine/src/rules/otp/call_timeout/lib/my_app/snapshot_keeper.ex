defmodule MyApp.SnapshotKeeper do
  @moduledoc "Holds one aggregate; its snapshot is read from the store after init/1."
  use GenServer

  alias MyApp.SnapshotKeeper.State

  def start_link(uuid), do: GenServer.start_link(__MODULE__, uuid)

  # Answered from the state, but it may arrive while the snapshot is still being read.
  def version(pid), do: GenServer.call(pid, :version) #~ otp/call-timeout

  @impl true
  def init(uuid), do: {:ok, %{uuid: uuid, version: 0}, {:continue, :load_snapshot}}

  @impl true
  def handle_continue(:load_snapshot, state) do
    case MyApp.SnapshotStore.read_snapshot(state.uuid) do
      {:ok, version} -> {:noreply, %{state | version: version}}
      {:error, :not_found} -> {:noreply, state}
    end
  end

  @impl true
  def handle_call(:version, _from, state), do: {:reply, state.version, state}
end

defmodule MyApp.Tally do
  @moduledoc "Its continue only builds the state with a module of its own: no wait."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def count(pid), do: GenServer.call(pid, :count) #~ otp/call-timeout

  @impl true
  def init(opts), do: {:ok, opts, {:continue, :build}}

  @impl true
  def handle_continue(:build, opts), do: {:noreply, MyApp.Tally.State.new(opts)}

  @impl true
  def handle_call(:count, _from, state), do: {:reply, state.count, state}
end

defmodule MyApp.Tally.State do
  @moduledoc false
  defstruct count: 0
  def new(_opts), do: %__MODULE__{}
end

defmodule MyApp.PortWatcher do
  @moduledoc "Its continue opens a port and reads its OS pid: `Keyword.fetch!/2` is a lookup, not a store read."
  use GenServer

  def start_link(cmd), do: GenServer.start_link(__MODULE__, cmd)

  def os_pid(pid), do: GenServer.call(pid, :os_pid) #~ otp/call-timeout

  @impl true
  def init(cmd), do: {:ok, %{cmd: cmd, port: nil, os_pid: nil}, {:continue, :open}}

  @impl true
  def handle_continue(:open, state) do
    port = Port.open({:spawn, state.cmd}, [:binary, :exit_status])
    os_pid = port |> Port.info() |> Keyword.fetch!(:os_pid)
    {:noreply, %{state | port: port, os_pid: os_pid}}
  end

  @impl true
  def handle_call(:os_pid, _from, state), do: {:reply, state.os_pid, state}
end
