defmodule MyApp.StopThenSleepTest do
  use ExUnit.Case, async: true

  test "a sleep after stopping a process the test started waits for nothing" do
    {:ok, worker} = MyApp.Worker.start_link(queue: :mail)
    GenServer.stop(worker)
    Process.sleep(10) #~ test/no-sleep
    assert MyApp.Worker.Registry.lookup(:mail) == []
  end

  test "a stop in on_exit is no stop before the sleep" do
    {:ok, collector} = MyApp.Collector.start_link(events: [[:my_app, :sent]])
    on_exit(fn -> GenServer.stop(collector) end)
    MyApp.Mailer.deliver(%{to: "b@example.com"})
    Process.sleep(20) #~ test/no-sleep
    assert MyApp.Collector.events(collector) != []
  end

  test "a supervised process killed by the test comes back" do
    pid = Process.whereis(MyApp.Mailer.Queue)
    Process.exit(pid, :kill)
    Process.sleep(50) #~ test/no-sleep
    assert Process.whereis(MyApp.Mailer.Queue) != pid
  end

  test "a spawned owner killed by the test only has to go down" do
    parent = self()

    owner =
      spawn(fn ->
        send(parent, {:lease, MyApp.Leases.take(:printer)})
        receive do: (:never -> :ok)
      end)

    assert_receive {:lease, _lease}
    Process.exit(owner, :shutdown)
    Process.sleep(50) #~ test/no-sleep
    assert MyApp.Leases.holders(:printer) == []
  end

  test "a child killed inside its group is checked dead, not looked up again" do
    {:ok, group} = MyApp.Relay.Group.start_link(size: 3)
    {:ok, relay} = MyApp.Relay.Group.member(group, 2)
    Process.exit(relay, :kill)
    Process.sleep(100) #~ test/no-sleep
    refute Process.alive?(relay)
    assert Process.alive?(group)
  end

  test "a registered worker checked dead and then looked up again comes back" do
    worker = Process.whereis(MyApp.Mailer.Sender)
    Process.exit(worker, :kill)
    Process.sleep(50) #~ test/no-sleep
    refute Process.alive?(worker)
    assert is_pid(Process.whereis(MyApp.Mailer.Sender))
  end

  test "code handed to the type checker is not a pause" do
    assert MyApp.TypeCheck.warnings!(
             receive do
             after
               :soon -> :ok
             end
           ) != []
  end

  test "listeners keep running once the feed is drained" do
    me = self()
    MyApp.Feed.listen(1..2, fn _ -> send(me, {:started, self()}) && Process.sleep(:infinity) end)
    assert_receive {:started, listener}
    Process.sleep(5) #~ test/no-sleep
    assert Process.alive?(listener)
  end

  test "the registered relay comes back after a kill" do
    Process.exit(Process.whereis(MyApp.Relay), :kill)
    Process.sleep(50) #~ test/no-sleep
    assert Process.alive?(Process.whereis(MyApp.Relay))
  end
end
