defmodule MyApp.SpanBuffer do
  @moduledoc """
  Buffers tracing spans and flushes them in batches. A small agent counts the
  flushes in flight; the buffer exits with a linked agent's crash (it does not trap).
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def add(span), do: GenServer.cast(__MODULE__, {:add, span})

  @impl true
  def init(opts) do
    {:ok, in_flight} = Agent.start_link(fn -> 0 end)
    Process.send_after(self(), :flush, Keyword.get(opts, :interval, 1_000))
    {:ok, %{spans: [], in_flight: in_flight, interval: Keyword.get(opts, :interval, 1_000)}}
  end

  @impl true
  def handle_cast({:add, span}, state), do: {:noreply, %{state | spans: [span | state.spans]}}

  @impl true
  def handle_info(:flush, state) do #~ otp/handle-info-catch-all
    Agent.update(state.in_flight, &(&1 + 1), 1_000)
    MyApp.Traces.push(Enum.reverse(state.spans))
    Agent.update(state.in_flight, &(&1 - 1), 1_000)
    Process.send_after(self(), :flush, state.interval)
    {:noreply, %{state | spans: []}}
  end
end
