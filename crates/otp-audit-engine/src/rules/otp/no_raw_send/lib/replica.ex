defmodule Replica do
  @moduledoc "The public API of a replica; its process is `Replica.Server`."

  def start_link(opts \\ []) do
    GenServer.start_link(Replica.Server, opts, Keyword.take(opts, [:name]))
  end

  # Fire and forget on purpose: the server's handle_info takes it.
  def set_peers(replica, peers) when is_list(peers) do
    send(replica, {:set_peers, peers})
    :ok
  end

  def nudge(replica) do
    send(replica, {:nudge, self()}) #~ otp/no-raw-send
    :ok
  end

  def read(replica, key), do: GenServer.call(replica, {:read, key}, 5_000)
end
