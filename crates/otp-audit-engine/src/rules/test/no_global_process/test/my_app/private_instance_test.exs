defmodule MyApp.PrivateInstanceTest do
  use ExUnit.Case, async: true

  alias MyApp.RateLimiter

  # No finding in this file: every test talks to its own instance.

  setup %{test: test} do
    %{limiter: start_supervised!({RateLimiter, name: test, limit: 2})}
  end

  test "limits after two hits", %{limiter: limiter} do
    assert :ok = RateLimiter.hit(limiter, "k")
    assert :ok = GenServer.call(limiter, {:hit, "k"})
    assert {:error, :limited} = RateLimiter.hit(limiter, "k")
  end

  test "restart of the private instance", %{limiter: limiter} do
    ref = Process.monitor(limiter)
    Process.exit(limiter, :kill)
    assert_receive {:DOWN, ^ref, :process, _, :killed}
  end
end
