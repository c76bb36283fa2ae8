# Elixir's own `Process` and `Node` are exempt (see runtime.rs); a project's nested
# module of the same name is not, and inside it the short name means that module.
defmodule KernelShim do
  defmodule Node do
    @moduledoc "A stand-in for the standard library's spawn wrappers, as a project might nest it."

    def spawn(node, fun), do: :erlang.spawn(node, fun) #~ otp/no-raw-spawn

    def spawn_link(node, module, fun, args), do: :erlang.spawn_link(node, module, fun, args) #~ otp/no-raw-spawn

    # `Node` here is this module: its spawn/2 above is where the finding is.
    def ping_all(nodes) do
      Enum.each(nodes, fn node -> Node.spawn(node, fn -> :net_adm.ping(node) end) end)
    end
  end
end
