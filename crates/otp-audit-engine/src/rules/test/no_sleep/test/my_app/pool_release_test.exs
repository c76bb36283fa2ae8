defmodule MyApp.PoolReleaseTest do
  use ExUnit.Case, async: true

  test "a second caller waits for the first connect and shares its error" do
    test_pid = self()

    connect = fn _config ->
      send(test_pid, {:connecting, self()})

      receive do
        :go -> {:error, :refused}
      end
    end

    pool = start_supervised!({MyApp.LazyPool, connect: connect})

    first = Task.async(fn -> MyApp.LazyPool.checkout(pool) end)
    assert_receive {:connecting, connector}
    second = Task.async(fn -> MyApp.LazyPool.checkout(pool) end)
    Process.sleep(5) #~ test/no-sleep

    send(connector, :go)

    assert [{:error, :refused}, {:error, :refused}] = Task.await_many([first, second])
  end

  test "a task that finishes on its own" do
    task = Task.async(fn -> MyApp.LazyPool.warm_up() end)
    Process.sleep(20) #~ test/no-sleep
    assert MyApp.LazyPool.warm?()
    Task.await(task)
  end
end
