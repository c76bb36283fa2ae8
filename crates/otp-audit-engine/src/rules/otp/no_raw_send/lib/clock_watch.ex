defmodule ClockWatch do
  @moduledoc """
  Tells subscribers when the clock is synchronised. A subscriber gets
  `{:clock_watch, event, report}` messages.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def subscribe(pid), do: GenServer.call(__MODULE__, {:subscribe, pid}, 5_000)

  @impl true
  def init(_opts), do: {:ok, %{subscribers: %{}, clients: [], owner: nil}}

  @impl true
  def handle_call({:subscribe, pid}, _from, state) do
    ref = Process.monitor(pid)
    {:reply, :ok, %{state | subscribers: Map.put(state.subscribers, pid, ref)}}
  end

  def handle_call({:attach, pid}, _from, state) do
    {:reply, :ok, %{state | clients: [{pid, Process.monitor(pid)} | state.clients]}}
  end

  @impl true
  def handle_info({:report, event, report}, state) do
    notify_subscribers(state, event, report)
    Enum.each(state.clients, &send_line(&1, {event, report}))
    {:noreply, state}
  end

  def handle_info({:DOWN, _ref, :process, pid, _reason}, state) do
    {:noreply, %{state | subscribers: Map.delete(state.subscribers, pid), clients: List.keydelete(state.clients, pid, 0)}}
  end

  defp notify_subscribers(%{subscribers: subscribers}, event, report) do
    Enum.each(Map.keys(subscribers), fn pid ->
      send(pid, {:clock_watch, event, report})
    end)
  end

  defp send_line({client_pid, _ref}, line) do
    send(client_pid, {:line, line})
  end

  # Near miss: one process, not each element of a list.
  defp tell_owner(%{owner: {owner_pid, _ref}}, line) do
    send(owner_pid, {:line, line}) #~ otp/no-raw-send
  end

  def handle_cast({:tell_owner, line}, state) do
    tell_owner(state, line)
    {:noreply, state}
  end
end
