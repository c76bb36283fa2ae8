defmodule Shop.SessionRegistry do
  @moduledoc "Keeps sessions by user; monitors them but never looks at :DOWN."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_call({:register, user_id, pid}, _from, sessions) do
    Process.monitor(pid) #~ otp/monitor-leak
    {:reply, :ok, Map.put(sessions, user_id, pid)}
  end

  def handle_call({:register_remote, user_id, pid}, _from, sessions) do
    ref = :erlang.monitor(:process, pid) #~ otp/monitor-leak
    {:reply, ref, Map.put(sessions, user_id, pid)}
  end

  def handle_call({:register_all, pids}, _from, sessions) do
    refs = Enum.map(pids, &Process.monitor/1) #~ otp/monitor-leak
    {:reply, refs, sessions}
  end

  def handle_call({:register_piped, user_id, pid}, _from, sessions) do
    _ref = pid |> Process.monitor() #~ otp/monitor-leak
    {:reply, :ok, Map.put(sessions, user_id, pid)}
  end

  @impl true
  def handle_info({:expire, user_id}, sessions), do: {:noreply, Map.delete(sessions, user_id)}
end
