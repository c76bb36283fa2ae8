defmodule MyApp.FeatureFlagsTest do
  # `MyApp.FeatureFlags` writes the application environment in the test process, and
  # `EnvStore` reads no clock: the sleeps wait for nothing.
  use ExUnit.Case, async: false

  alias MyApp.{AuditQueue, FeatureFlags}

  setup do
    on_exit(fn -> Application.delete_env(:my_app, :flags) end)
    :ok
  end

  test "enabling a flag" do
    FeatureFlags.enable(:dark_mode)
    Process.sleep(50) #~ test/no-sleep
    assert FeatureFlags.enabled?(:dark_mode)
    assert Map.has_key?(FeatureFlags.all(), :dark_mode)
  end

  test "a cast to a server is another process's work" do
    {:ok, queue} = AuditQueue.start_link([])
    AuditQueue.push(queue, :login)
    Process.sleep(10) #~ test/no-sleep
    assert AuditQueue.entries(queue) == [:login]
  end

  test "a dependency is out of sight" do
    FeatureFlags.enable(:beta)
    AuditQueue.push_and_mail(AuditQueue, :beta_enabled)
    Process.sleep(10) #~ test/no-sleep
    assert FeatureFlags.enabled?(:beta)
  end
end
