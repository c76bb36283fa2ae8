defmodule MyApp.OrphanLookupTest do
  use ExUnit.Case, async: true

  test "a process with no caller chain back to the test reads the default settings" do
    MyApp.Settings.put_for_test(region: "eu-test")
    me = self()

    # A deliberate stranger: the outer process drops its ancestry and ends at once;
    # the inner one reports what it resolved, and the test waits for that report.
    spawn(fn ->
      Process.delete(:"$callers")
      Process.delete(:"$ancestors")

      spawn(fn ->
        send(me, {:resolved, MyApp.Settings.region()})
      end)
    end)

    assert_receive {:resolved, region}, 1_000
    refute region == "eu-test"
  end

  test "the outer process itself calling the project is still reported" do
    me = self()

    spawn(fn -> #~ test/no-raw-spawn
      MyApp.Settings.reload()

      spawn(fn ->
        send(me, {:resolved, MyApp.Settings.region()})
      end)
    end)

    assert_receive {:resolved, _region}, 1_000
  end
end
