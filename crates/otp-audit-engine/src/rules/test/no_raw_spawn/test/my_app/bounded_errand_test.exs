defmodule MyApp.BoundedErrandTest do
  use ExUnit.Case, async: true

  setup :start_cache

  defp start_cache(_context) do
    cache = start_supervised!({MyApp.Cache, []})
    %{cache: cache}
  end

  test "a blocker on the test's own server ends when the server stops", %{cache: cache} do
    # Keeps the cache busy so that the next call times out.
    spawn(fn -> MyApp.Cache.fetch(cache, :slow_key) end)
    assert {:error, :timeout} = MyApp.Cache.fetch(cache, :other, timeout: 10)
  end

  test "a load errand with an integer timeout" do
    spawn(fn -> MyApp.Client.ping(:remote, timeout: 2_000) end)
    assert MyApp.Client.status(:remote, nil) == :busy
  end

  test "a linked errand that asserts: the failure reaches the test" do
    spawn_link(fn -> assert {:ok, _} = MyApp.Client.ping(:remote, timeout: 500) end)
    assert MyApp.Client.status(:remote, nil) == :busy
  end

  test "an assertion in an unlinked errand cannot fail the test" do
    spawn(fn -> assert {:ok, _} = MyApp.Client.ping(:remote, timeout: 500) end) #~ test/no-raw-spawn
    assert MyApp.Client.status(:remote, nil) == :busy
  end

  test "a call without a bound may wait for good" do
    spawn(fn -> MyApp.Client.ping(:remote) end) #~ test/no-raw-spawn
    assert MyApp.Client.status(:remote, nil) == :busy
  end

  test "an infinite timeout is no bound" do
    spawn(fn -> MyApp.Client.ping(:remote, timeout: :infinity) end) #~ test/no-raw-spawn
    assert MyApp.Client.status(:remote, nil) == :busy
  end

  test "a server the test started itself but does not supervise" do
    {:ok, cache} = MyApp.Cache.start_link([])
    spawn(fn -> MyApp.Cache.fetch(cache, :slow_key) end) #~ test/no-raw-spawn
    assert {:error, :timeout} = MyApp.Cache.fetch(cache, :other, timeout: 10)
  end

  test "a result sent back and awaited without a bound", %{cache: cache} do
    parent = self()
    spawn(fn -> send(parent, {:fetched, MyApp.Cache.fetch(cache, :slow_key)}) end) #~ test/no-raw-spawn

    receive do
      {:fetched, value} -> assert value == nil
    end
  end

  test "a command through a client that times out by default" do
    spawn(fn -> Redix.command(:test_redis, ["DEBUG", "SLEEP", "2"]) end)
    Process.sleep(2_500)
    assert {:ok, "PONG"} = Redix.command(:test_redis, ["PING"])
  end

  test "the same client told to wait for good" do
    spawn(fn -> Redix.command(:test_redis, ["BLPOP", "jobs", "0"], timeout: :infinity) end) #~ test/no-raw-spawn
    assert {:ok, 1} = Redix.command(:test_redis, ["RPUSH", "jobs", "a"])
  end
end
