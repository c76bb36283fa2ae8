defmodule Payments.MockBank do
  @moduledoc """
  An in-memory bank for the test suite. Start it from `test/test_helper.exs`;
  it refuses to start unless the bank adapter is configured as the mock.
  """
  use GenServer

  def start_link(opts \\ []) do
    unless Application.get_env(:payments, :bank_adapter) == __MODULE__ do
      raise ArgumentError, "configure `config :payments, bank_adapter: Payments.MockBank` in test"
    end

    GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  end

  def transfers, do: GenServer.call(__MODULE__, :transfers, 5_000)

  @impl true
  def init(_opts), do: {:ok, %{transfers: [], watchers: %{}}}

  @impl true
  def handle_call(:transfers, {pid, _}, state) do
    ref = Process.monitor(pid)
    {:reply, Enum.reverse(state.transfers), put_in(state.watchers[ref], pid)}
  end

  # No catch-all: a message the mock does not expect should fail the test run.
  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, state) do
    {:noreply, %{state | watchers: Map.delete(state.watchers, ref)}}
  end
end
