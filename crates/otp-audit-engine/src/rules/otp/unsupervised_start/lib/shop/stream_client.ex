defmodule Shop.StreamClient do
  @moduledoc "Client side of the price feed, called by the process that owns the connection."

  def connect(endpoint, opts \\ []) do
    # The owner traps exits: a dropped connection arrives as `{:EXIT, pid, reason}`
    # and the owner reconnects.
    Process.flag(:trap_exit, true)

    endpoint.url
    |> Shop.FeedConnection.start_link(opts)
    |> case do
      {:ok, pid} -> {:ok, %{endpoint | conn: pid}}
      {:error, reason} -> {:error, reason}
    end
  end

  def warm_up(endpoint) do
    # The pid is dropped: the caller gets `:ok` and nothing holds the process.
    {:ok, pid} = Shop.FeedCollector.start_link(:warm_up) #~ otp/unsupervised-start
    Shop.FeedConnection.request(endpoint.conn, :warm_up, reply_to: pid)
    :ok
  end
end
