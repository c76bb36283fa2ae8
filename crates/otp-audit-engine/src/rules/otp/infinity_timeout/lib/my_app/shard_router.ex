# fixture: needs the project
defmodule MyApp.ShardRouter do
  @moduledoc """
  Asks a peer who owns a shard (a lookup in another file: info) and asks it to
  rebuild its directory (work: a warning).
  """
  alias MyApp.ShardDirectory

  def owner_on(peer, shard), do: :rpc.call(peer, ShardDirectory, :owner, [shard], :infinity) #~ otp/infinity-timeout

  def rebuild_on(peer, shards), do: :rpc.call(peer, ShardDirectory, :rebuild, [shards], :infinity) #~ otp/infinity-timeout
end
