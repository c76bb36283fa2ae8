# fixture: needs the project
defmodule Mesh.ShardConn do
  @moduledoc false
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{opts: opts, shard: nil}}

  @impl true
  def handle_info({:handshake, shard}, state) do
    if report_pid = Keyword.get(state.opts, :shard_report_pid) do
      send(report_pid, {:mesh, :shard, self(), shard})
    end

    {:noreply, %{state | shard: shard}}
  end

  def handle_info({:closed, reason}, state) do
    if report_pid = Keyword.get(state.opts, :shard_report_pid) do
      # The keeper matches `{:mesh, :shard, _, _}` only: a three-element notice is reported.
      send(report_pid, {:mesh, :closed, reason}) #~ otp/no-raw-send
    end

    {:stop, :normal, state}
  end

  def handle_info(_other, state), do: {:noreply, state}
end
