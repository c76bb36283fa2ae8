defmodule Stockroom.ABTest.Variant do
  @moduledoc """
  Serves one arm of a live A/B test of the reorder thresholds. Production code: the
  `ABTest` in its name is a feature, not a test harness, so its callbacks are checked.
  """
  use GenServer

  @spec start_link(keyword) :: GenServer.on_start()
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  @spec threshold(GenServer.server(), String.t()) :: non_neg_integer
  def threshold(variant, sku), do: GenServer.call(variant, {:threshold, sku}, 5_000)

  @impl true
  def init(opts), do: {:ok, %{source: Keyword.fetch!(opts, :source), cache: %{}}}

  @impl true
  def handle_call({:threshold, sku}, _from, state) do
    send(state.source, {:threshold_for, self(), sku})

    receive do #~ otp/blocking-in-callback
      {:threshold, ^sku, value} -> {:reply, value, put_in(state.cache[sku], value)}
    end
  end
end
