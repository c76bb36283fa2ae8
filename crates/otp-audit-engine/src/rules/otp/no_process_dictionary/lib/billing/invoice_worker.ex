defmodule Billing.InvoiceWorker do
  @moduledoc "Keeps its state in the GenServer; only propagates OTP's own keys."
  use GenServer
  import Process, only: [get: 2]

  require Logger

  def start_link(opts) do
    callers = Process.get(:"$callers", [])
    GenServer.start_link(__MODULE__, {opts, [self() | callers]})
  end

  @impl true
  def init({opts, callers}) do
    Process.put(:"$callers", callers)
    Logger.metadata(tenant_id: Keyword.fetch!(opts, :tenant_id))
    {:ok, %{opts: opts, ancestors: get(:"$ancestors", []), started: :erlang.get(:"$initial_call")}}
  end

  @impl true
  def handle_call(:state, _from, state), do: {:reply, Map.get(state, :opts), state}

  @impl true
  def handle_cast({:put, key, value}, state), do: {:noreply, Map.put(state, key, value)}

  def cached(agent), do: Agent.get(agent, & &1)

  def label(name), do: Process.set_label(name)
end
