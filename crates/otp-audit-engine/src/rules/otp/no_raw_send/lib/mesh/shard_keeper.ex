# fixture: needs the project
defmodule Mesh.ShardKeeper do
  @moduledoc false
  use GenServer

  def start_link({sup, conn_opts}), do: GenServer.start_link(__MODULE__, {sup, conn_opts})

  @impl true
  def init({sup, conn_opts}) do
    # Every connection started with these options reports its shard to this process.
    conn_opts = Keyword.put(conn_opts, :shard_report_pid, self())
    {:ok, %{sup: sup, conn_opts: conn_opts, shards: %{}}, {:continue, :open}}
  end

  @impl true
  def handle_continue(:open, state) do
    {:ok, _pid} = DynamicSupervisor.start_child(state.sup, {Mesh.ShardConn, state.conn_opts})
    {:noreply, state}
  end

  @impl true
  def handle_info({:mesh, :shard, conn, shard}, state) do
    {:noreply, put_in(state.shards[conn], shard)}
  end

  def handle_info(_other, state), do: {:noreply, state}
end
