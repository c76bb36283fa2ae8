defmodule Shop.Pricing do
  @moduledoc "Prices are computed in a task; replies go through GenServer.reply/2."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{waiting: %{}, subscribers: []}}

  @impl true
  def handle_call({:price, sku}, from, state) do
    Task.start(fn -> GenServer.reply(from, Shop.Catalog.price(sku)) end)
    {:noreply, state}
  end

  def handle_call({:subscribe, pid}, _from, state) do
    send(pid, :subscribed)
    {:reply, :ok, %{state | subscribers: [pid | state.subscribers]}}
  end

  def handle_call({:notify, pid}, {_caller, _tag}, state) do
    send(pid, :notified)
    {:reply, :ok, state}
  end

  def handle_call(:tick, _from, state) do
    send(self(), :tick)
    {:reply, :ok, state}
  end

  @impl true
  def handle_info({:done, from, price}, state) do
    GenServer.reply(from, price)
    {:noreply, state}
  end

  def handle_info({:ping, from}, state) do
    send(from, :pong)
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  # Not a GenServer callback: a helper named like one, with another arity.
  def handle_call(pid, msg), do: send(pid, msg)
end
