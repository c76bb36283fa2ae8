# A module in one of Elixir's own namespaces: it implements a primitive rather than
# using one, so the rules that say "use the abstraction" stay silent here. The rules
# that catch plain mistakes (a call without a timeout) still apply.
defmodule Task.BridgeExt do
  @moduledoc false

  def start(owner, fun) do
    pid =
      :erlang.spawn(fn ->
        Process.put(:"$task_bridge_owner", owner)
        receive do
          {:run, ref} -> send(owner, {ref, fun.()})
        end
      end)

    ref = make_ref()
    send(pid, {:run, ref})
    {pid, ref}
  end

  def await({_pid, ref}) do
    receive do
      {^ref, result} -> result
    after
      :infinity -> :never
    end
  end

  def ask(server), do: GenServer.call(server, :ask) #~ otp/call-timeout
end
