defmodule MyApp.RegistryLifecycleTest do
  use ExUnit.Case

  # Each test gets a fresh registry, registered under the worker module's name.
  setup do
    start_supervised!({MyApp.Registry, worker_module: MyApp.SessionWorker})
    :ok
  end

  test "stopping the registry stops its workers" do
    registry = Process.whereis(MyApp.SessionWorker)
    {:ok, worker} = MyApp.Registry.lookup_or_start(MyApp.SessionWorker, 1)
    ref = Process.monitor(worker)

    :ok = stop_supervised(MyApp.SessionWorker)

    assert_receive {:DOWN, ^ref, :process, ^worker, _reason}
    refute Process.alive?(registry)
  end

  test "killing the application's mailer by name leaks into the next test" do
    Process.exit(MyApp.Mailer, :kill) #~ test/no-global-process
    refute Process.whereis(MyApp.Mailer) #~ test/no-global-process
  end
end
