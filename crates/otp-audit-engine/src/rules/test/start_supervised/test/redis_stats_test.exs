defmodule MyApp.RedisStatsTest do
  use ExUnit.Case, async: false

  # Linked to the test process under a fixed name, and `on_exit` waits for its
  # `:DOWN`: the name is free before the next test starts.
  setup do
    {:ok, _} = Redix.start_link(name: MyApp.Redis)

    on_exit(fn ->
      ref = Process.monitor(MyApp.Redis)
      assert_receive {:DOWN, ^ref, _, _, _}
    end)

    :ok
  end

  test "counts a processed job" do
    MyApp.Stats.processed!(MyApp.Redis, "default")
    assert MyApp.Stats.count(MyApp.Redis, "default") == 1
  end

end

defmodule MyApp.RedisFailuresTest do
  use ExUnit.Case, async: false

  # Near miss: linked to the test process, but nothing waits for it to go.
  setup do
    {:ok, _} = Redix.start_link(name: MyApp.Redis) #~ test/start-supervised
    :ok
  end

  test "counts a failed job" do
    MyApp.Stats.failed!(MyApp.Redis, "default")
    assert MyApp.Stats.count(MyApp.Redis, "default:failed") == 1
  end
end

defmodule MyApp.RedisQueueTest do
  use ExUnit.Case, async: true

  # Freed between this module's tests, but an async module: another one may start
  # the same name at the same time.
  setup do
    {:ok, _} = Redix.start_link(name: MyApp.Redis) #~ test/start-supervised

    on_exit(fn ->
      ref = Process.monitor(MyApp.Redis)
      assert_receive {:DOWN, ^ref, _, _, _}
    end)

    :ok
  end

  test "enqueues a job" do
    MyApp.Queue.push!(MyApp.Redis, "default", %{id: 1})
    assert MyApp.Queue.size(MyApp.Redis, "default") == 1
  end
end
