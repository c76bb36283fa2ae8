defmodule MyApp.ShardStats do
  @moduledoc "Gathers counters from every shard server and every node."

  # Each element makes one call with the default 5 s timeout: it ends within that
  # bound, so `:infinity` on the stream adds no wait of its own (info).
  def counters(shards) do
    shards
    |> Task.async_stream(fn shard -> {shard, GenServer.call(shard, :counters)} end, timeout: :infinity) #~ otp/infinity-timeout
    |> Enum.map(fn {:ok, pair} -> pair end)
  end

  # A remote call that takes its own `timeout:` option bounds the element too (info).
  def node_reports(nodes, timeout) do
    Task.async_stream(
      nodes,
      fn node -> {node, MyApp.Remote.call(node, MyApp.Report, :local, [], timeout: timeout)} end,
      timeout: :infinity #~ otp/infinity-timeout
    )
    |> Enum.to_list()
  end

  # Control: a gen_statem call waits forever by default, so the element may too.
  def machine_states(machines) do
    machines
    |> Task.async_stream(fn m -> :gen_statem.call(m, :state) end, timeout: :infinity) #~ otp/infinity-timeout
    |> Enum.to_list()
  end

  # Control: an element that waits for a message has no bound.
  def acks(peers) do
    peers
    |> Task.async_stream(
      fn peer ->
        send(peer, {:ping, self()})

        receive do
          {:pong, ^peer} -> :ok
        end
      end,
      timeout: :infinity #~ otp/infinity-timeout
    )
    |> Enum.to_list()
  end
end

defmodule MyApp.ClusterMetrics do
  @moduledoc "Gathers each node's metrics text; a node that does not answer gives an empty part."
  require Logger

  # Each element labels its task and waits only in :rpc.call/5 with 20 s: info.
  def scrape do
    [node() | Node.list()]
    |> Task.async_stream(
      fn node ->
        :proc_lib.set_label({:metrics_scrape, node})
        fetch(node)
      end,
      timeout: :infinity #~ otp/infinity-timeout
    )
    |> Enum.map_join(fn {:ok, text} -> text end)
  end

  defp fetch(node) do
    case :rpc.call(node, MyApp.Metrics, :render, [], 20_000) do
      text when is_binary(text) ->
        text

      {:badrpc, reason} ->
        Logger.warning("no metrics from #{inspect(node)}: #{inspect(reason)}")
        ""
    end
  end
end
