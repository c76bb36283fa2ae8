defmodule Shop.Jobs.Backend do
  @moduledoc """
  Where a job's function runs. The runner calls `run_monitored/2` and waits for the
  `:DOWN` of the monitor it gets back, so each backend hands the monitor to its caller.
  """

  @callback run_monitored(state :: term, job :: function() | mfa()) ::
              {:ok, {pid, reference}} | {:error, term}
end

defmodule Shop.Jobs.LocalBackend do
  @moduledoc false
  @behaviour Shop.Jobs.Backend

  # The pid and the monitor go back to the runner, which pins the ref in a receive.
  @impl true
  def run_monitored(_state, job) do
    case job do
      fun when is_function(fun, 0) ->
        {pid, ref} = spawn_monitor(fun)
        {:ok, {pid, ref}}

      {mod, fun, args} ->
        {:ok, spawn_monitor(mod, fun, args)}
    end
  end
end

defmodule Shop.Jobs.RemoteBackend do
  @moduledoc false
  @behaviour Shop.Jobs.Backend

  @impl true
  def run_monitored(%{node: node}, fun) when is_function(fun, 0) do
    {pid, ref} = Node.spawn_monitor(node, fun)
    {:ok, {pid, ref}}
  end

  # Only the pid goes back: nobody holds the monitor, and the process is nobody's.
  def run_detached(%{node: node}, fun) do
    {pid, _ref} = Node.spawn_monitor(node, fun) #~ otp/no-raw-spawn
    {:ok, pid}
  end
end
