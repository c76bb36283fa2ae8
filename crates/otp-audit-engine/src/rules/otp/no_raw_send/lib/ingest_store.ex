defmodule MyApp.IngestStore do
  @moduledoc """
  Buffers ingested rows. Options:

    * `:test_pid` - a test process told when the store finishes a step
    * `:audit_pid` - a process given every flushed batch
  """
  use GenServer

  defmodule State do
    @moduledoc false
    defstruct [:test_pid, :audit_pid, rows: []]
  end

  def start_link(opts) do
    state = %State{test_pid: Keyword.get(opts, :test_pid), audit_pid: Keyword.get(opts, :audit_pid)}
    GenServer.start_link(__MODULE__, state)
  end

  @impl GenServer
  def init(%State{} = state), do: {:ok, state, {:continue, :boot}}

  @impl GenServer
  def handle_continue(:boot, state) do
    if test_pid = state.test_pid do
      send(test_pid, :boot_done) #~ otp/no-raw-send
    end

    {:noreply, state}
  end

  @impl GenServer
  def handle_cast({:flush, rows}, state) do
    if state.test_pid, do: send(state.test_pid, {:flushed, length(rows)}) #~ otp/no-raw-send
    # Not a test hook: a process of the application, reached by a raw message.
    send(state.audit_pid, {:batch, rows}) #~ otp/no-raw-send
    {:noreply, %{state | rows: []}}
  end

  # A Broadway-style acknowledger carries the observer in its tuple.
  def ack({_store, test_pid}, ok, _failed) do
    if test_pid, do: send(test_pid, {:acked, length(ok)}) #~ otp/no-raw-send
    :ok
  end
end
