defmodule Billing.SweeperPool do
  @moduledoc false
  # Keeps the sweeper's ref out of the state (it is printed in crash logs), under a
  # key namespaced by the module through an attribute, written once in init/1.
  use GenServer

  @sweeper_key {__MODULE__, :sweeper_ref}

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    {:ok, ref} = Billing.Sweeper.start(opts)
    Process.put(@sweeper_key, ref) #~ otp/no-process-dictionary
    {:ok, %{opts: opts}}
  end

  @impl true
  def handle_call(:opts, _from, state), do: {:reply, state.opts, state}

  @impl true
  def terminate(_reason, _state) do
    if ref = Process.get(@sweeper_key), do: Billing.Sweeper.stop(ref)
  end
end

defmodule Billing.LastRunPool do
  @moduledoc false
  # The same through a bare atom key: not namespaced, so it stays a warning.
  use GenServer

  @last_run :last_run

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts) do
    Process.put(@last_run, System.monotonic_time()) #~ otp/no-process-dictionary
    {:ok, %{opts: opts}}
  end

  @impl true
  def handle_call(:opts, _from, state), do: {:reply, state.opts, state}

  @impl true
  def terminate(_reason, _state) do
    Billing.Metrics.record(Process.get(@last_run))
  end
end
