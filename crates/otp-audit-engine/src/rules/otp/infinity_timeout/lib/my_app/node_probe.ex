defmodule MyApp.NodeProbe do
  @moduledoc """
  Asks other nodes about themselves. The lookups answer at once on the remote node,
  so only the network bounds them; `rebuild_index/1` runs real work remotely.
  """

  def running?(node, name), do: :rpc.call(node, :erlang, :whereis, [name], :infinity) #~ otp/infinity-timeout

  def server_pid(node, name), do: :erpc.call(node, GenServer, :whereis, [name]) #~ otp/infinity-timeout

  def apps(node) do
    case :rpc.call(node, :application, :which_applications, []) do #~ otp/infinity-timeout
      apps when is_list(apps) -> {:ok, apps}
      {:badrpc, reason} -> {:error, reason}
    end
  end

  def remote_entry(node, key), do: :rpc.call(node, MyApp.NodeProbe, :entry, [key], :infinity) #~ otp/infinity-timeout

  def rebuild_index(node), do: :rpc.call(node, MyApp.Search, :rebuild, [], :infinity) #~ otp/infinity-timeout

  def entry(key) do
    case :ets.lookup(:node_probe, key) do
      [] -> nil
      [{^key, value}] -> value
    end
  end
end
