defmodule MyApp.UniqueLockTest do
  use ExUnit.Case

  test "prevents a duplicate until the lock expires" do
    args = [self(), :ran]
    {:ok, id} = MyApp.Jobs.enqueue("default", MyApp.Echo, args, unique_for: 1, unique_until: :expiry)
    assert_receive :ran

    {:conflict, ^id} =
      MyApp.Jobs.enqueue("default", MyApp.Echo, args, unique_for: 1, unique_until: :expiry)

    Process.sleep(1_500)

    {:ok, _} = MyApp.Jobs.enqueue("default", MyApp.Echo, args, unique_for: 1, unique_until: :expiry)
  end

  test "prevents a duplicate while the first one runs" do
    args = [self(), :ran]
    {:ok, id} = MyApp.Jobs.enqueue("default", MyApp.Echo, args, unique_for: 1)
    assert_receive :ran

    {:conflict, ^id} = MyApp.Jobs.enqueue("default", MyApp.Echo, args, unique_for: 1)

    Process.sleep(1_500) #~ test/no-sleep

    {:ok, _} = MyApp.Jobs.enqueue("default", MyApp.Echo, args, unique_for: 1)
  end

  test "a job started before the lock expired still reports" do
    {:ok, _} = MyApp.Jobs.enqueue("default", MyApp.Echo, [self(), :ran], unique_for: 1)
    Process.sleep(1_500) #~ test/no-sleep
    assert_received :ran
  end
end
