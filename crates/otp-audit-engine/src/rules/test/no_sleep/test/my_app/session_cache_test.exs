defmodule MyApp.SessionCacheTest do
  use ExUnit.Case, async: true

  alias MyApp.SessionCache

  # The names don't name the option, but each test starts the cache with its TTL and
  # the sleeps add up past it between a write and checks of the same session.
  test "a read keeps a session alive" do
    {:ok, cache} = SessionCache.start_link(sweep_every: 5, session_ttl: 60, renew_on_read: true)
    SessionCache.store(cache, "sid-1", %{user: 7})
    Process.sleep(45)
    assert SessionCache.fetch(cache, "sid-1") == %{user: 7}
    Process.sleep(45)
    assert SessionCache.fetch(cache, "sid-1") == %{user: 7}
    Process.sleep(120)
    assert SessionCache.fetch(cache, "sid-1") == nil
  end

  test "a pinned write keeps the first deadline" do
    {:ok, cache} = SessionCache.start_link(sweep_every: 5, session_ttl: 60)
    SessionCache.store(cache, "sid-2", :first)
    Process.sleep(45)
    SessionCache.store(cache, "sid-2", {:pinned, :second})
    assert SessionCache.fetch(cache, "sid-2") == :second
    Process.sleep(45)
    assert SessionCache.fetch(cache, "sid-2") == nil
  end

  describe "after a quiet spell" do
    setup do
      {:ok, cache} = SessionCache.start_link(sweep_every: 5, session_ttl: 40)
      %{cache: cache}
    end

    test "an idle session goes away", %{cache: cache} do
      SessionCache.store(cache, "sid-3", :x)
      Process.sleep(25)
      assert SessionCache.fetch(cache, "sid-3") == :x
      Process.sleep(25)
      assert SessionCache.fetch(cache, "sid-3") == nil
    end
  end

  # The lifetime is no literal: the sleep likely measures it, but the sums can't say.
  test "a session survives a short pause" do
    {:ok, cache} = SessionCache.start_link(session_ttl: :timer.seconds(1))
    SessionCache.store(cache, "sid-4", :y)
    Process.sleep(30) #~ test/no-sleep
    assert SessionCache.fetch(cache, "sid-4") == :y
  end

  # Controls: a sleep after an async write waits for the write, and a short sleep far
  # under the lifetime, with nothing crossing it later, waits for the cache's work.
  test "an async store shows up" do
    {:ok, cache} = SessionCache.start_link(sweep_every: 5, session_ttl: 60)
    SessionCache.store_async(cache, "sid-5", :z)
    Process.sleep(20) #~ test/no-sleep
    assert SessionCache.fetch(cache, "sid-5") == :z
  end

  test "the sweeper leaves fresh sessions alone" do
    {:ok, cache} = SessionCache.start_link(sweep_every: 5, session_ttl: 500)
    SessionCache.store(cache, "sid-6", :w)
    Process.sleep(20) #~ test/no-sleep
    assert SessionCache.fetch(cache, "sid-6") == :w
  end
end
