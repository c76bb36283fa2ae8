defmodule MyApp.RateLimiterTest do
  use ExUnit.Case, async: true

  alias MyApp.RateLimiter

  test "a stopped limiter forgets its buckets" do
    {:ok, limiter} = RateLimiter.start_link(limit: 2)
    :ok = RateLimiter.hit(limiter, "alice")
    :ok = GenServer.stop(limiter)
    refute Process.alive?(limiter)
  end

  test "a limiter stopped with a reason" do
    {:ok, limiter} = RateLimiter.start_link(limit: 1)
    {:ok, audit} = Agent.start_link(fn -> [] end)
    GenServer.stop(limiter, :shutdown)
    Agent.stop(audit)
    assert RateLimiter.count(:limiter_registry) == 0
  end

  test "a killed limiter loses its state" do
    {:ok, limiter} = RateLimiter.start_link(limit: 1)
    Process.exit(limiter, :kill)
    refute Process.alive?(limiter)
  end

  test "cleanup in on_exit" do
    {:ok, limiter} = RateLimiter.start_link(limit: 3)
    on_exit(fn -> GenServer.stop(limiter) end)
    assert :ok = RateLimiter.hit(limiter, "bob")
  end

  describe "a shared limiter" do
    setup do
      {:ok, limiter} = RateLimiter.start_link(limit: 5) #~ test/start-supervised
      %{limiter: limiter}
    end

    test "counts hits", %{limiter: limiter} do
      :ok = RateLimiter.hit(limiter, "carol")
      assert RateLimiter.count(limiter) == 1
    end

    test "can be stopped", %{limiter: limiter} do
      GenServer.stop(limiter)
      refute Process.alive?(limiter)
    end
  end
end
