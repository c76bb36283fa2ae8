defmodule MyApp.JobQueue do
  @moduledoc "Runs jobs as tasks; its state lives in a nested State module."
  use GenServer

  defmodule State do
    defstruct tasks: %{}, conn: nil

    def size(%State{} = state), do: map_size(state.tasks)

    def cancel(%State{} = state, id) do
      {task, tasks} = Map.pop(state.tasks, id)
      if task, do: Task.shutdown(task, :brutal_kill)
      %State{state | tasks: tasks}
    end
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # The nested State module's size/1 only reads: info.
  def size, do: GenServer.call(__MODULE__, :size) #~ otp/call-timeout

  # State.cancel/2 shuts a task down, which waits: a warning.
  def cancel(id), do: GenServer.call(__MODULE__, {:cancel, id}) #~ otp/call-timeout

  # A liveness check before the answer: info.
  def connection, do: GenServer.call(__MODULE__, :connection) #~ otp/call-timeout

  @impl true
  def init(_opts), do: {:ok, %State{}}

  @impl true
  def handle_call(:size, _from, state), do: {:reply, State.size(state), state}

  def handle_call({:cancel, id}, _from, state), do: {:reply, :ok, State.cancel(state, id)}

  def handle_call(:connection, _from, state) do
    if state.conn && Process.alive?(state.conn), do: {:reply, state.conn, state}, else: {:reply, nil, state}
  end
end
