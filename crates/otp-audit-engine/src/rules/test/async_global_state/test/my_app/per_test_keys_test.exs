defmodule MyApp.PerTestKeysTest do
  use ExUnit.Case, async: true

  # Each test gets its own variable name, built from its name in `setup`.
  setup %{describe: group, test: name} do
    var = "MYAPP_PER_TEST_#{group}_#{name}"
    on_exit(fn -> System.delete_env(var) end)
    %{var: var, fixed: "MYAPP_PER_TEST_FIXED"}
  end

  describe "int/2" do
    test "reads a set variable", %{var: var} do
      System.put_env(var, "42")
      assert MyApp.Settings.int(var, 0) == 42
    end

    test "a key from the context that every test shares", %{fixed: fixed} do
      System.put_env(fixed, "1") #~ test/async-global-state
      assert MyApp.Settings.int(fixed, 0) == 1
    end
  end

  describe "events" do
    setup do
      me = self()
      id = "per-test-keys-#{inspect(me)}"

      :telemetry.attach(id, [:my_app, :settings, :read], fn _event, m, _meta, _ -> send(me, {:read, m}) end, nil)

      on_exit(fn -> :telemetry.detach(id) end)
      :ok
    end

    test "reports reads" do
      MyApp.Settings.int("MYAPP_PER_TEST_UNSET", 0)
      assert_receive {:read, _}
    end

    test "an id from a variable bound to a fixed value" do
      owner = "settings"
      id = "per-test-keys-#{owner}"
      :telemetry.attach(id, [:my_app, :settings, :read], fn _, _, _, _ -> :ok end, nil) #~ test/async-global-state
      assert MyApp.Settings.int("MYAPP_PER_TEST_UNSET", 0) == 0
    end
  end
end
