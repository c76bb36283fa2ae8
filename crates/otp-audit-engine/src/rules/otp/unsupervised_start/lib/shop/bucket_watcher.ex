defmodule Shop.Bucket.Watcher do
  @moduledoc "Subscribes to a bucket's change feed and calls a handler per change."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def stop(pid), do: GenServer.stop(pid)

  @impl true
  def init(opts) do
    {:ok, sub} = Shop.Feed.subscribe(opts[:conn], opts[:bucket])
    {:ok, %{sub: sub, handler: opts[:handler]}}
  end

  @impl true
  def handle_info({:change, key, value}, state) do
    state.handler.(key, value)
    {:noreply, state}
  end

  def handle_info(_other, state), do: {:noreply, state}
end
