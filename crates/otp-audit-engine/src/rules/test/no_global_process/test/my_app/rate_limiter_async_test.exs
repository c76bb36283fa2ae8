defmodule MyApp.RateLimiterAsyncTest do
  use ExUnit.Case, async: true

  alias MyApp.RateLimiter

  # Lookups whose result only feeds assertions change nothing in the process.
  test "the app instance is running" do
    assert is_pid(Process.whereis(RateLimiter))
    assert GenServer.whereis(MyApp.RateLimiter)
    assert Process.whereis(:rate_limiter_backup) == nil
    assert :global.whereis_name({:limiter, :eu}) == :undefined
  end

  test "hits go to the shared instance" do
    assert :ok = GenServer.call(RateLimiter, {:hit, "a"}) #~ test/no-global-process
    GenServer.cast(MyApp.RateLimiter, :reset) #~ test/no-global-process
    send(RateLimiter, :sweep) #~ test/no-global-process
    assert %{} = :sys.get_state(RateLimiter) #~ test/no-global-process
  end

  test "a private instance is fine", %{test: test} do
    pid = start_supervised!({RateLimiter, name: test, limit: 1})
    assert :ok = GenServer.call(pid, {:hit, "a"})
    assert {:error, :limited} = GenServer.call(test, {:hit, "a"})
    via = {:via, Registry, {MyApp.Registry, test}}
    assert GenServer.whereis(via) == nil
  end

  test "the test's own module name and variables are not global lookups" do
    name = Module.concat(__MODULE__, Limiter)
    assert Process.whereis(name) == nil
    assert GenServer.whereis(__MODULE__) == nil
  end
end
