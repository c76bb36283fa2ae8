defmodule Shop.Rpc do
  @moduledoc "Request/response over monitors that clean themselves up."

  def request(server, payload, timeout \\ 5_000) do
    ref = Process.monitor(server, alias: :reply_demonitor)
    send(server, {:request, ref, payload})

    receive do
      {^ref, reply} -> {:ok, reply}
    after
      timeout -> {:error, :timeout}
    end
  end

  def request_erlang(server, payload) do
    ref = :erlang.monitor(:process, server, [{:alias, :demonitor}])
    send(server, {:request, ref, payload})
    ref
  end

  def run_checked(fun) do
    task = Task.async(fun)
    Process.monitor(task.pid)
    Task.await(task)
  end
end

defmodule Shop.Rpc.Probe do
  @moduledoc "Checks a process is alive, then drops the monitor."

  def alive?(pid) do
    ref = Process.monitor(pid)
    alive = Process.alive?(pid)
    Process.demonitor(ref, [:flush])
    alive
  end
end
