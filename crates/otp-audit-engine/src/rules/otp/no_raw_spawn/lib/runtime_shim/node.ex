defmodule Node do
  @moduledoc "A stand-in for the standard library's spawn wrappers, as a runtime would define it."

  def spawn(node, fun), do: :erlang.spawn(node, fun)

  def spawn_link(node, module, fun, args), do: :erlang.spawn_link(node, module, fun, args)

  # Not a wrapper: a process started here is still reported.
  def ping_all(nodes) do
    Enum.each(nodes, fn node -> Node.spawn(node, fn -> :net_adm.ping(node) end) end) #~ otp/no-raw-spawn
  end
end
