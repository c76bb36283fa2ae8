defmodule MyApp.FeatureFlagsTest do
  use ExUnit.Case, async: true

  alias MyApp.FeatureFlags

  setup do
    previous = Application.get_env(:my_app, :beta)
    Application.put_env(:my_app, :beta, true) #~ test/async-global-state
    on_exit(fn -> Application.put_env(:my_app, :beta, previous) end)
    :ok
  end

  test "beta is on" do
    assert FeatureFlags.enabled?(:beta)
  end

  test "environment and persistent terms" do
    System.put_env("MY_APP_REGION", "eu") #~ test/async-global-state
    System.delete_env("MY_APP_ZONE") #~ test/async-global-state
    :persistent_term.put({MyApp, :limits}, %{max: 1}) #~ test/async-global-state
    :persistent_term.erase({MyApp, :old}) #~ test/async-global-state
    Application.delete_env(:my_app, :legacy) #~ test/async-global-state
    assert FeatureFlags.enabled?(:beta)
  end

  describe "logging" do
    test "quiet logs" do
      Logger.configure(level: :error) #~ test/async-global-state
      Logger.put_module_level(FeatureFlags, :none) #~ test/async-global-state
      assert FeatureFlags.enabled?(:beta)
    end
  end

  test "registering fixed names and telemetry handlers" do
    # A name no other file mentions: only this module's tests, which run one at a
    # time, could register it.
    Process.register(self(), :flags_test)
    Process.register(self(), :flag_reader) #~ test/async-global-state
    :telemetry.attach("flags", [:my_app, :flag, :read], &__MODULE__.handle/4, self()) #~ test/async-global-state
    on_exit(fn -> :telemetry.detach("flags") end)
    assert FeatureFlags.enabled?(:beta)
  end

  test "a unique registered name is fine", %{test: test} do
    Process.register(self(), test)
    assert Process.whereis(test) == self()
  end

  def handle(_event, _measurements, _metadata, pid), do: send(pid, :read)
end
