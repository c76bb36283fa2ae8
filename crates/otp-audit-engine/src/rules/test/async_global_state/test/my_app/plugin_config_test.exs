defmodule MyApp.PluginConfigTest do
  use ExUnit.Case, async: true

  defmodule SchemaPlugin do
    def config_schema, do: [token: [type: :string, required: true]]
  end

  test "a key named after a module of this test is private to it" do
    Application.put_env(:my_app, SchemaPlugin, token: "t")
    on_exit(fn -> Application.delete_env(:my_app, SchemaPlugin) end)
    assert MyApp.Plugins.config(SchemaPlugin) == [token: "t"]
  end

  test "a term keyed by a module of this test is private to it" do
    :persistent_term.put({SchemaPlugin, :version}, 2)
    assert MyApp.Plugins.version(SchemaPlugin) == 2
  after
    :persistent_term.erase({SchemaPlugin, :version})
  end

  test "a key of the application is shared" do
    Application.put_env(:my_app, MyApp.Plugins, strict: true) #~ test/async-global-state
    assert MyApp.Plugins.strict?()
  after
    Application.delete_env(:my_app, MyApp.Plugins)
  end
end
