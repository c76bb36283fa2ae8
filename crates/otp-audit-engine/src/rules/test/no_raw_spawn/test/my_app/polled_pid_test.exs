defmodule MyApp.PolledPidTest do
  use ExUnit.Case, async: true

  import MyApp.Eventually

  test "a pid polled until it is gone is dead when used" do
    gone = spawn(fn -> :ok end)
    eventually(fn -> not Process.alive?(gone) end)
    assert catch_exit(MyApp.Lookup.ping(gone))
  end

  test "a stand-in sender serves dead or alive" do
    sender = spawn(fn -> :ok end)
    MyApp.Feed.publish_from(sender, "prices", %{eur: 1})
    assert_receive {:feed, "prices", %{eur: 1}}
  end

  test "a pid used as dead without a wait is still racy" do
    gone = spawn(fn -> :ok end) #~ test/no-raw-spawn
    assert catch_exit(MyApp.Lookup.ping(gone))
  end

  test "a linked helper the test feeds ends inside the test" do
    parent = self()
    pid = spawn_link(fn -> receive(do: (:go -> send(parent, :went))) end)
    send(pid, :go)
    assert_receive :went
  end
end

defmodule MyApp.LeaseOwnerTest do
  use ExUnit.Case, async: true

  test "a lease is released when its owner exits", %{} do
    lease = start_supervised!(MyApp.Lease)
    test_pid = self()

    spawn(fn ->
      :ok = MyApp.Lease.acquire(lease)
      send(test_pid, :acquired)
    end)

    assert_receive :acquired
    assert MyApp.Eventually.eventually(fn -> MyApp.Lease.holder(lease) == nil end)
  end

  test "an owner that dies during polling" do
    owner = spawn(fn -> Process.sleep(50) end)
    assert {:error, :owner_down} = MyApp.Lease.wait_for(owner, 200)
  end

  test "an owner that waits for a message outlives a failing test" do
    test_pid = self()

    spawn(fn -> #~ test/no-raw-spawn
      send(test_pid, :ready)
      receive do: (:stop -> :ok)
    end)

    assert_receive :ready
  end

  test "an errand whose report a bare receive waits for hangs the test if it crashes" do
    test_pid = self()
    spawn(fn -> send(test_pid, {:held, MyApp.Lease.try_acquire(:shared)}) end) #~ test/no-raw-spawn

    receive do
      {:held, result} -> assert result in [:ok, :busy]
    end
  end
end
