defmodule Shop.Presence do
  @moduledoc "Keeps the monitor refs in its state, but the :DOWN comes back here unhandled."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def join(user_id, pid), do: GenServer.call(__MODULE__, {:join, user_id, pid}, 5_000)

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_call({:join, user_id, pid}, _from, users) do
    {:reply, :ok, track(users, user_id, pid)}
  end

  defp track(users, user_id, pid) do
    ref = Process.monitor(pid) #~ otp/monitor-leak
    Map.put(users, ref, user_id)
  end
end
