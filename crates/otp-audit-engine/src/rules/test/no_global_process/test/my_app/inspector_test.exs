defmodule MyApp.InspectorTest do
  use ExUnit.Case, async: true

  test "shows the registered name of an application process" do
    pid = Process.whereis(MyApp.Workers)
    {:ok, info} = MyApp.Inspector.fetch_process_info(pid)
    assert info[:registered_name] == MyApp.Workers
  end

  test "asks the application process to do something" do
    pid = Process.whereis(MyApp.Workers) #~ test/no-global-process
    {:ok, _} = MyApp.Inspector.restart_children(pid)
    assert Process.alive?(pid)
  end
end
