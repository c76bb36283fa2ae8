defmodule Payments.Testing.FakeGateway do
  @moduledoc "Stands in for the card gateway in tests; started by Payments.Testing.GatewayCase."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, %{owner: Keyword.fetch!(opts, :owner), charges: []}}

  @impl true
  def handle_call({:charge, amount}, _from, state) do
    {:reply, :ok, %{state | charges: [amount | state.charges]}}
  end

  # No catch-all: an unexpected message should fail the test that caused it.
  @impl true
  def handle_info({:decline_next, reason}, state) do
    {:noreply, Map.put(state, :decline, reason)}
  end
end
