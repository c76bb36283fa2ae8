defmodule MyApp.PlannedEndTest do
  use ExUnit.Case, async: true

  test "a subscriber that leaves on its own is dropped from the feed" do
    {:ok, feed} = start_supervised(MyApp.Feed)
    parent = self()

    subscriber =
      spawn(fn ->
        MyApp.Feed.subscribe(feed)
        send(parent, :subscribed)

        receive do
          :leave -> :ok
        after
          300 -> :ok
        end
      end)

    assert_receive :subscribed
    send(subscriber, :leave)
    MyApp.Feed.flush(feed)
    refute Process.alive?(subscriber)
    assert MyApp.Feed.subscribers(feed) == []
  end

  test "a reader that gives up mid-download reports the abort" do
    test_pid = self()
    :telemetry.attach("abort", [:my_app, :download, :abort], fn _, _, _, _ -> send(test_pid, :aborted) end, nil)

    spawn(fn ->
      MyApp.Download.stream("/big-file", fn _chunk, _acc ->
        exit(:give_up)
      end)
    end)

    assert_receive :aborted
  end

  test "a listener that never ends is still a leak" do
    listener = spawn(fn -> MyApp.Feed.listen_forever() end) #~ test/no-raw-spawn
    assert Process.alive?(listener)
  end

  test "a process that raises while nothing waits for it is unnoticed" do
    spawn(fn -> #~ test/no-raw-spawn
      MyApp.Download.stream("/big-file", fn _chunk, _acc -> raise "stop" end)
    end)

    assert MyApp.Download.active() >= 0
  end

  test "a planned exit after an endless receive can hang" do
    spawn(fn -> #~ test/no-raw-spawn
      receive do
        :go -> exit(:done)
      end
    end)

    assert_receive :never_sent, 10
  end

  test "a run that dies of a batch timeout emits the timeout event" do
    test_pid = self()
    handler = {:batch_timeout, test_pid}
    :telemetry.attach(handler, [:my_app, :batch, :timeout], fn _, _, _, _ -> send(test_pid, :timed_out) end, nil)
    on_exit(fn -> :telemetry.detach(handler) end)

    # The crash is what the test is about; it waits until the process is gone.
    runner = spawn(fn -> MyApp.Batch.run(:slow_job) end)
    wait_until_gone(runner)

    assert_receive :timed_out
  end

  test "a runner whose end nothing waits for is still reported" do
    runner = spawn(fn -> MyApp.Batch.run(:slow_job) end) #~ test/no-raw-spawn
    send(runner, :go)
    assert is_pid(runner)
  end

  defp wait_until_gone(pid) do
    Process.sleep(1)
    if Process.alive?(pid), do: wait_until_gone(pid)
  end
end
