defmodule MyApp.RegistryKeysTest do
  use ExUnit.Case

  @registry :keys_registry

  setup do
    Process.flag(:trap_exit, true)
    {:ok, pid} = MyApp.KeyRegistry.start_link(name: @registry)
    on_exit(fn -> Process.exit(pid, :shutdown) end)
    :ok
  end

  test "a name in the registry the setup starts for this test" do
    Agent.start_link(fn -> :value end, name: {:via, MyApp.KeyRegistry, {@registry, :agent}})
    assert :value == Agent.get({:via, MyApp.KeyRegistry, {@registry, :agent}}, & &1)
  end

  test "a name in the application's registry, which two tests use" do
    Agent.start_link(fn -> 1 end, name: {:via, Registry, {:app_registry, :counter}}) #~ test/start-supervised
    assert 1 == Agent.get({:via, Registry, {:app_registry, :counter}}, & &1)
  end

  test "the other user of the application's registry" do
    assert [] == Registry.lookup(:app_registry, :counter)
  end
end
