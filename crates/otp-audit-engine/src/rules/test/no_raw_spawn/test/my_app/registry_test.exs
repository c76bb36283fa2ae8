defmodule MyApp.RegistryTest do
  use ExUnit.Case, async: true

  alias MyApp.Registry

  setup do
    registry = start_supervised!({Registry, name: nil})
    %{registry: registry}
  end

  test "unregisters a process when it exits", %{registry: registry} do
    # The test feeds the one message the process waits for: it ends inside the test.
    pid = spawn(fn -> receive do: (:stop -> :ok) end)
    :ok = Registry.register(registry, "worker", pid)
    send(pid, :stop)
    assert Registry.lookup(registry, "worker") == []
  end

  test "a linked owner takes its names down with it", %{registry: registry} do
    owner =
      spawn_link(fn -> #~ test/no-raw-spawn
        Registry.register(registry, "owner", self())
        Process.sleep(:infinity)
      end)

    assert is_pid(owner)
  end

  test "without parentheses", %{registry: registry} do
    pid = spawn fn -> Registry.register(registry, "bare", self()) end #~ test/no-raw-spawn
    assert is_pid(pid)
  end

  test "module-function-args and remote forms have no fix", %{registry: registry} do
    pid = spawn(Registry, :register, [registry, "mfa", self()]) #~ test/no-raw-spawn
    other = Process.spawn(fn -> :ok end, [:link]) #~ test/no-raw-spawn
    {erl, _ref} = :erlang.spawn_monitor(fn -> receive(do: (_ -> :ok)) end) #~ test/no-raw-spawn
    remote = Node.spawn(node(), fn -> receive(do: (_ -> :ok)) end) #~ test/no-raw-spawn
    assert Enum.all?([pid, other, erl, remote], &is_pid/1)
  end

  test "a monitored spawn that is never awaited is still a leak", %{registry: registry} do
    {pid, _ref} = spawn_monitor(fn -> Registry.register(registry, "m", self()) end) #~ test/no-raw-spawn
    assert is_pid(pid)
  end

  test "spawn inside a same-process callback", %{registry: registry} do
    pids = Enum.map(1..3, fn i -> spawn(fn -> Registry.register(registry, i, self()) end) end) #~ test/no-raw-spawn
    assert length(pids) == 3
  end

  test "captured and piped spawns" do
    pids = Enum.map([fn -> :a end, fn -> :b end], &spawn/1) #~ test/no-raw-spawn
    piped = fn -> receive(do: (_ -> :ok)) end |> Kernel.spawn() #~ test/no-raw-spawn
    assert length([piped | pids]) == 3
  end
end

defmodule MyApp.RegistryFanOutTest do
  use ExUnit.Case

  test "two spawns in one test get distinct child ids" do
    parent = self()
    a = spawn(fn -> MyApp.Registry.serve(parent, :a) end) #~ test/no-raw-spawn
    b = spawn(fn -> MyApp.Registry.serve(parent, :b) end) #~ test/no-raw-spawn
    assert_receive {:a, ^a}
    assert_receive {:b, ^b}
  end
end
