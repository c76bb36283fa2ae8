defmodule MyApp.RingReplicasTest do
  use ExUnit.Case

  # One ring per replica count, named after this module: no other module starts them.
  setup_all do
    rings =
      for replicas <- [1, 8, 64], into: %{} do
        name = :"MyApp.RingReplicasTest.Replicas.#{replicas}"
        {:ok, _pid} = MyApp.Ring.start_link(name: name, replicas: replicas)
        {replicas, name}
      end

    {:ok, _pid} = MyApp.Ring.start_link(name: :"#{__MODULE__}.Single", replicas: 1)
    {:ok, rings: rings}
  end

  test "finds a node in every ring", %{rings: rings} do
    for {_replicas, ring} <- rings, do: assert({:ok, _} = MyApp.Ring.find_node(ring, "key"))
  end
end

defmodule MyApp.RingOverridesTest do
  use ExUnit.Case

  # Near misses: a name another module may spell the same way, and a plain atom.
  setup_all do
    name = :"MyApp.Ring.Replicas.#{8}"
    {:ok, _pid} = MyApp.Ring.start_link(name: name, replicas: 8) #~ test/start-supervised
    {:ok, _pid} = MyApp.Ring.start_link(name: :overrides_ring, replicas: 1) #~ test/start-supervised
    {:ok, ring: name}
  end

  test "applies the overrides", %{ring: ring} do
    assert {:ok, _} = MyApp.Ring.find_node(ring, "key")
  end
end
