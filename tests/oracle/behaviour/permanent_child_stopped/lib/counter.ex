defmodule Oracle.Counter do
  @moduledoc "A named counter that saves its value when it stops and says when it starts."
  use GenServer

  def start_link(opts) do
    GenServer.start_link(__MODULE__, Map.new(opts), name: Keyword.get(opts, :name, __MODULE__))
  end

  def bump, do: GenServer.call(__MODULE__, :bump, 1_000)

  @impl true
  def init(%{store: store, observer: observer}) do
    Process.flag(:trap_exit, true)
    send(observer, {:counter_started, self()})
    {:ok, %{store: store, count: Agent.get(store, & &1)}}
  end

  @impl true
  def handle_call(:bump, _from, state) do
    count = state.count + 1
    {:reply, count, %{state | count: count}}
  end

  @impl true
  def terminate(_reason, state), do: Agent.update(state.store, fn _ -> state.count end)
end
