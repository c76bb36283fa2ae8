defmodule Shop.TaggedWatch do
  @moduledoc """
  Watches price feeds and carts with tagged monitors (`Process.monitor/2` with `tag:`,
  Elixir 1.15), so each `:DOWN` says which kind of process went away.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def watch_feed(pid), do: GenServer.call(__MODULE__, {:watch_feed, pid}, 5_000)
  def watch_cart(pid, id), do: GenServer.call(__MODULE__, {:watch_cart, pid, id}, 5_000)
  def watch_courier(pid), do: GenServer.call(__MODULE__, {:watch_courier, pid}, 5_000)

  @impl GenServer
  def init(_opts), do: {:ok, %{feeds: MapSet.new(), carts: %{}}}

  @impl GenServer
  def handle_call({:watch_feed, pid}, _from, state) do
    Process.monitor(pid, tag: :feed_down)
    {:reply, :ok, %{state | feeds: MapSet.put(state.feeds, pid)}}
  end

  def handle_call({:watch_cart, pid, id}, _from, state) do
    Process.monitor(pid, tag: {:cart_down, id})
    {:reply, :ok, put_in(state.carts[id], pid)}
  end

  # Its :DOWN comes as {:courier_down, ref, :process, pid, reason}, which no clause takes.
  def handle_call({:watch_courier, pid}, _from, state) do
    Process.monitor(pid, tag: :courier_down) #~ otp/monitor-leak
    {:reply, :ok, state}
  end

  @impl GenServer
  def handle_info({:feed_down, _ref, :process, pid, _reason}, state) do
    {:noreply, %{state | feeds: MapSet.delete(state.feeds, pid)}}
  end

  def handle_info({{:cart_down, id}, _ref, :process, _pid, _reason}, state) do
    {:noreply, %{state | carts: Map.delete(state.carts, id)}}
  end

  def handle_info(msg, state) do
    require Logger
    Logger.debug("ignored #{inspect(msg)}")
    {:noreply, state}
  end
end
