defmodule Kv.Db do
  use GenServer

  alias Kv.Db.Compactor

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  def compact(db), do: GenServer.call(db, :compact, 5_000)

  @impl true
  def init(opts), do: {:ok, %{file: opts[:file], sup: opts[:task_supervisor], compactor: nil}}

  @impl true
  def handle_call(:compact, _from, %{compactor: nil} = state) do
    # The compactor runs in a task of its own and reports back to this server.
    {:ok, pid} = Task.Supervisor.start_child(state.sup, Compactor, :run, [self(), state.file])
    {:reply, :ok, %{state | compactor: pid}}
  end

  def handle_call(:compact, _from, state), do: {:reply, {:error, :busy}, state}

  @impl true
  def handle_info(:compaction_done, state), do: {:noreply, %{state | compactor: nil}}
  def handle_info({:compaction_failed, _reason}, state), do: {:noreply, %{state | compactor: nil}}
end
