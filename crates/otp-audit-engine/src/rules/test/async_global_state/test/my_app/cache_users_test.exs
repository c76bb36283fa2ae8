defmodule MyApp.CacheUsersTest do
  use ExUnit.Case, async: true

  alias MyApp.TestCaches.{Cache, SharedHook}

  test "a cache stores what is put" do
    {:ok, cache} = Cache.start_link(name: nil)
    assert :ok = Cache.put(cache, :a, 1)
  end

  test "the shared hook needs its probe registered" do
    assert_raise ArgumentError, fn -> SharedHook.after_put(:c) end
  end
end
