defmodule Ledger.RemoteRunner do
  @moduledoc "Runs a function on a worker node and ships back what it must keep alive."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}

  # The spawned function reports its result, then waits in its own receive for the
  # pids to hold: the second half of the handshake is answered here, in one function.
  def run(node, fun) do
    ref = make_ref()
    parent = self()

    {pid, mon} =
      Node.spawn_monitor(node, fn ->
        send(parent, {ref, fun.()})

        receive do
          {^ref, pids} when is_list(pids) -> Enum.each(pids, &Process.monitor/1)
        end
      end)

    receive do
      {^ref, result} ->
        Process.demonitor(mon, [:flush])
        send(pid, {ref, [self()]})
        {:ok, result}

      {:DOWN, ^mon, :process, ^pid, reason} ->
        {:exit, reason}
    end
  end

  # A closure of this module that reports to the server's own process: the message is
  # bound first, and `handle_info/2` below takes it.
  def watch(server_pid, name) do
    on_ready = fn ->
      msg = {:runner_ready, name, self()}
      Process.send(server_pid, msg, [])
    end

    Task.Supervisor.start_child(Ledger.TaskSupervisor, on_ready)
  end

  # Bound to a tuple no clause of this module takes: still a raw message.
  def poke(target) do
    msg = {:poke, self()}
    send(target, msg) #~ otp/no-raw-send
  end

  @impl true
  def handle_info({:runner_ready, name, pid}, state) do
    {:noreply, Map.put(state, name, pid)}
  end
end
