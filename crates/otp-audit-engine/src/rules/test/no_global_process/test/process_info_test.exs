defmodule MyApp.ProcessInfoTest do
  use ExUnit.Case, async: true

  # The runtime's own I/O server: no test can start a private one, and looking it up
  # to inspect it changes nothing.
  test "inspects the user I/O server" do
    {:ok, info} = MyApp.ProcessInfo.fetch(Process.whereis(:user))
    assert info[:registered_name] == :user
  end

  # The application's own singleton, looked up for a helper: a private instance under
  # a per-test name is the fix here.
  test "inspects the registry" do
    {:ok, info} = MyApp.ProcessInfo.fetch(Process.whereis(MyApp.Registry)) #~ test/no-global-process
    assert info[:registered_name] == MyApp.Registry
  end
end
