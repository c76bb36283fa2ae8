defmodule Herd.Keeper do
  @moduledoc """
  Keeps one process per name across the cluster. Processes registered with Herd must
  handle `{:herd, :die}` (stop) in their own `handle_info/2`, as the README says.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def register(name, pid), do: GenServer.call(__MODULE__, {:register, name, pid}, 5_000)

  def evict(name), do: GenServer.call(__MODULE__, {:evict, name}, 5_000)

  @impl true
  def init(_opts), do: {:ok, %{table: :ets.new(:herd_names, [:set, :protected])}}

  @impl true
  def handle_call({:register, name, pid}, _from, state) do
    :ets.insert(state.table, {name, pid})
    {:reply, :ok, state}
  end

  def handle_call({:evict, name}, _from, state) do
    case :ets.lookup(state.table, name) do
      [{^name, pid}] ->
        :ets.delete(state.table, name)
        # A user's process: the library's documented stop message.
        send(pid, {:herd, :die}) #~ otp/no-raw-send
        {:reply, :ok, state}

      [] ->
        {:reply, {:error, :not_found}, state}
    end
  end

  @impl true
  def handle_info({:herd, :sync, peer}, state) do
    Enum.each(:ets.tab2list(state.table), &relocate(&1, peer))
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  defp relocate({_name, pid}, peer) do
    send(pid, {:herd, :die}) #~ otp/no-raw-send
    # Not tagged with the library's name: an ad-hoc message, still reported.
    send(pid, {:moved_to, node(peer)}) #~ otp/no-raw-send
  end
end
