defmodule MyApp.EnvApiTest do
  use ExUnit.Case, async: true

  # Testing the environment API itself with a key nothing else in the project reads:
  # no test of another module can see it.
  test "a key only this test knows" do
    Application.put_env(:my_app, :env_api_probe, :set)
    assert Application.fetch_env!(:my_app, :env_api_probe) == :set
  after
    Application.delete_env(:my_app, :env_api_probe)
  end

  test "a key that lib code reads is shared" do
    Application.put_env(:my_app, :tax_mode, :inclusive) #~ test/async-global-state
    assert MyApp.Settings.tax_mode() == :inclusive
  end
end
