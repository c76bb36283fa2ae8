defmodule Shop.ChildTracking do
  @moduledoc """
  Monitors whose reference goes back to the caller or into a struct or map: the
  caller or the state owns the `:DOWN`, not this module.
  """

  defmodule Child do
    @moduledoc false
    defstruct [:pid, :ref, :tag]
  end

  def watch(pid), do: Process.monitor(pid)

  def watch_tagged(pid, tag) do
    ref = Process.monitor(pid)
    {:ok, ref, tag}
  end

  def track(pid, tag), do: %Child{pid: pid, ref: Process.monitor(pid), tag: tag}

  def adopt(children, pid) do
    ref = Process.monitor(pid)
    Map.put(children, ref, pid)
  end

  def start_child(supervisor, spec, opts) do
    {:ok, pid} = DynamicSupervisor.start_child(supervisor, spec)
    ref = Process.monitor(pid)
    Keyword.merge(opts, pid: pid, ref: ref)
  end

  def ping(pid) do
    Process.monitor(pid) #~ otp/monitor-leak
    send(pid, {:ping, self()})
    :ok
  end

  def await_ready(pid) do
    ref = Process.monitor(pid) #~ otp/monitor-leak
    receive do
      {:ready, ^pid} -> {:ok, pid}
    after
      1_000 -> {:error, {:timeout, ref}}
    end
  end
end
