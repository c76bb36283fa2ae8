defmodule MyApp.HelperStopTest do
  use ExUnit.Case
  import MyApp.TestHelpers

  @opts Application.compile_env(:my_app, :queue_opts, [])

  test "a supervisor started from options, stopped by the suite's helper" do
    {:ok, sup} = MyApp.Queues.start_link(@opts)
    assert MyApp.Queues.size(sup) == 0
    stop_process(sup)
  end

  test "a supervisor started from options, stopped by a helper of this file" do
    {:ok, sup} = MyApp.Queues.start_link(@opts)
    assert MyApp.Queues.size(sup) == 0
    shutdown_and_wait(sup)
  end

  test "a helper of this file that only looks, and stops nothing" do
    {:ok, sup} = MyApp.Queues.start_link(@opts) #~ test/start-supervised
    stop_watch(sup)
  end

  defp shutdown_and_wait(pid) do
    ref = Process.monitor(pid)
    Process.exit(pid, :shutdown)
    assert_receive {:DOWN, ^ref, :process, ^pid, _}
  end

  defp stop_watch(pid), do: assert(Process.alive?(pid))
end
