defmodule MyApp.MeshFixtures.NodeA do
  @moduledoc "Test support: a mesh member that finds its peer by name."

  def start_link(init_arg, opts \\ []), do: MyApp.Mesh.start_link(__MODULE__, init_arg, opts)

  def init(init_arg) do
    Keyword.merge([peers: [:mesh_node_a, :mesh_node_b], sync_interval: 50], init_arg)
  end
end

defmodule MyApp.MeshFixtures.NodeB do
  @moduledoc "Test support: the other member of the mesh."

  def start_link(init_arg, opts \\ []), do: MyApp.Mesh.start_link(__MODULE__, init_arg, opts)

  def init(init_arg) do
    Keyword.merge([peers: [:mesh_node_a, :mesh_node_b], sync_interval: 50], init_arg)
  end
end
