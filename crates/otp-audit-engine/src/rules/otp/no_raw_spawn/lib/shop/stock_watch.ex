defmodule Shop.StockWatch do
  @moduledoc "Forwards stock events to the caller while a restock step runs."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, opts}

  @impl true
  def handle_call({:restock, owner}, _from, state) do
    # Linked to this server: the message says so, and the `:normal` stop below is a no-op.
    watcher = spawn_link(fn -> for ev <- Shop.Stock.events(), do: send(owner, ev) && Shop.Stock.ack(ev) end) #~ otp/no-raw-spawn
    result = Shop.Stock.restock(state)
    Process.exit(watcher, :normal)
    {:reply, result, state}
  end

  # Client API: runs in the caller, not in this server.
  def watch_here(owner), do: spawn_link(fn -> Shop.Stock.follow(owner) end) #~ otp/no-raw-spawn
end
