defmodule MyApp.HostingTest do
  use ExUnit.Case, async: true

  setup do
    # config.exs already gives true, and no test puts another value: nothing changes.
    Application.put_env(:my_app, :self_hosted, true)
    :ok
  end

  test "self-hosted installs skip billing" do
    refute MyApp.Billing.enabled?()
  end

  test "the region is global" do
    # test.exs gives :test, so :eu is a change every async test sees.
    Application.put_env(:my_app, :region, :eu) #~ test/async-global-state
    assert MyApp.Regions.current() == :eu
  end
end
