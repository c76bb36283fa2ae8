defprotocol MyApp.KV do
  @moduledoc "A key-value store."
  def put(store, key, value)
end

defmodule MyApp.KV.Memory do
  @moduledoc "An in-memory store that tells whoever created it about each write."
  defstruct [:pid, :owner, :audit]

  def new!(audit) do
    {:ok, pid} = Agent.start_link(fn -> %{} end) #~ otp/unsupervised-start
    %__MODULE__{pid: pid, owner: self(), audit: audit}
  end

  defimpl MyApp.KV do
    def put(store, key, value) do
      Agent.update(store.pid, fn data ->
        notify(store, {:put, key})
        # The audit pid came from the caller, not from the creator's self().
        send(store.audit, {:audit, key}) #~ otp/no-raw-send
        Map.put(data, key, value)
      end)
    end

    defp notify(%{owner: owner}, msg) when is_pid(owner) do
      send(owner, {MyApp.KV.Memory, msg}) #~ otp/no-raw-send
    end
  end
end
