defmodule MyApp.SingletonWatchTest do
  # Not async: these tests kill the cluster-wide singleton, which always registers
  # itself as {:global, MyApp.Singleton}, and wait for the watcher to bring it back.
  use ExUnit.Case, async: false

  test "the watcher restarts the singleton" do
    Phoenix.PubSub.subscribe(MyApp.PubSub, "singleton_watch")

    pid = :global.whereis_name(MyApp.Singleton)
    is_pid(pid) && Process.exit(pid, :kill)

    assert_receive {:singleton_started, new_pid}, 2_000
    assert :global.whereis_name(MyApp.Singleton) == new_pid
  end
end

defmodule MyApp.SingletonCrashTest do
  use ExUnit.Case, async: false

  test "seeing the old singleton die is not seeing it back" do
    pid = :global.whereis_name(MyApp.Singleton) #~ test/no-global-process
    ref = Process.monitor(pid)
    Process.exit(pid, :kill)
    assert_receive {:DOWN, ^ref, :process, ^pid, :killed}
  end
end

defmodule MyApp.SingletonAsyncTest do
  use ExUnit.Case, async: true

  test "a notification does not help while other tests run" do
    Phoenix.PubSub.subscribe(MyApp.PubSub, "singleton_watch")
    pid = :global.whereis_name(MyApp.Singleton) #~ test/no-global-process
    Process.exit(pid, :kill)
    assert_receive {:singleton_started, _new_pid}, 2_000
  end
end
