defmodule Ledger.Rpc do
  @moduledoc """
  Routes a request to the node that owns a shard. Callers `require` it under the
  name they would otherwise give `GenServer`, so moving a module onto the cluster is
  a one-line change.
  """

  @timeout 5_000

  defmacro call(shard, request) do
    quote do
      :erpc.call( #~ otp/infinity-timeout
        Ledger.Shards.node_for(unquote(shard)),
        GenServer,
        :call,
        [unquote(shard), unquote(request), unquote(@timeout)]
      )
    end
  end
end
