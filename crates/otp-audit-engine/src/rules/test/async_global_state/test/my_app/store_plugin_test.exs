defmodule MyApp.StorePluginTest do
  use ExUnit.Case, async: true

  # Nesting `Demo.Metrics` here aliases `Demo` to `MyApp.StorePluginTest.Demo`.
  defmodule Demo.Metrics do
    def plugins, do: [{MyApp.StorePlugin, stores: [Demo.Store]}]
  end

  test "reads per-store config" do
    # The key is MyApp.StorePluginTest.Demo.Store: this test module's own.
    Application.put_env(:demo, Demo.Store, tag: "x")
    assert MyApp.StorePlugin.tags(:demo, [Demo.Store]) == ["x"]
  end
end
