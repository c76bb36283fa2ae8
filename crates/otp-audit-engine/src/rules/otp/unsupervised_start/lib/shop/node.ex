defmodule Shop.Node do
  @moduledoc "The running node: reboot it, or tell the cluster something about it."

  def reboot do
    :persistent_term.put({__MODULE__, :rebooting}, true)
    System.stop(0)
  end

  def announce(what), do: Shop.Cluster.broadcast({:node, node(), what})
end
