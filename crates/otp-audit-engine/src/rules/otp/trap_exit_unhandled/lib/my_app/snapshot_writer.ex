defmodule MyApp.SnapshotWriter do
  @moduledoc "Writes snapshots to disk; the trap is explained where it is set."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    # Trap exits so that a supervisor shutdown lets a running write finish
    # instead of cutting the file in half; there is nothing to clean up.
    Process.flag(:trap_exit, true)
    {:ok, %{dir: Keyword.fetch!(opts, :dir)}}
  end

  @impl true
  def handle_cast({:write, name, data}, state) do
    File.write!(Path.join(state.dir, name), data)
    {:noreply, state}
  end
end

defmodule MyApp.SnapshotIndex do
  @moduledoc "A comment above the flag that does not say why it traps."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    # set up the index
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    {:ok, %{}}
  end

  @impl true
  def handle_call(:size, _from, state), do: {:reply, map_size(state), state}
end
