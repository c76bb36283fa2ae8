defmodule MyApp.SharedPeers do
  @moduledoc "Test support: a peer list that several test modules use."

  def start_link(init_arg, opts \\ []), do: MyApp.Mesh.start_link(__MODULE__, init_arg, opts)

  def init(init_arg), do: Keyword.merge([peers: [:peer_left, :peer_right]], init_arg)
end
