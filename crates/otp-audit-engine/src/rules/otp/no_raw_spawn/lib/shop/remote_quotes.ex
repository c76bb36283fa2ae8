defmodule Shop.RemoteQuotes do
  @moduledoc """
  Asks other nodes for quotes without blocking: each call runs in a throw-away
  process monitored with a tag; the result travels as its exit reason, and the
  tagged monitor message brings it back to `handle_info/2`.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{pending: %{}}}

  @impl true
  def handle_cast({:ask, node, sku, from}, state) do
    id = System.unique_integer([:positive])
    ask(node, sku, {:quote, id})
    {:noreply, put_in(state.pending[id], from)}
  end

  def handle_cast({:warm, node}, state) do
    # No result comes back from this one: reported.
    :erlang.spawn_opt(fn -> :erpc.call(node, Shop.Pricing, :warm, [], 5_000) end, [:monitor]) #~ otp/no-raw-spawn
    {:noreply, state}
  end

  @impl true
  def handle_info({{:quote, id}, _ref, :process, _pid, {:quote_result, result}}, state) do
    {from, pending} = Map.pop(state.pending, id)
    send(from, {:quote, result})
    {:noreply, %{state | pending: pending}}
  end

  def handle_info({{:quote, id}, _ref, :process, _pid, _reason}, state) do
    {:noreply, %{state | pending: Map.delete(state.pending, id)}}
  end

  def handle_info(_message, state), do: {:noreply, state}

  defp ask(node, sku, tag) do
    :erlang.spawn_opt(
      fn -> exit({:quote_result, :erpc.call(node, Shop.Pricing, :quote, [sku], 5_000)}) end,
      [{:monitor, [{:tag, tag}]}]
    )
  end
end
