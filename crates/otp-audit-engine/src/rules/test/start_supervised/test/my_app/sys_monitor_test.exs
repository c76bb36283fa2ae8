defmodule MyApp.SysMonitorTest do
  use ExUnit.Case, async: false

  alias MyApp.Cache

  # Only this test names the test module: no other test can start the same name.
  test "starts under the name it is given" do
    assert {:ok, pid} = Cache.start_link(name: __MODULE__)
    assert Process.whereis(__MODULE__) == pid
    Process.exit(pid, :normal)
  end

  test "the default name" do
    assert is_pid(Process.whereis(Cache))
  end
end

defmodule MyApp.SysMonitorSharedTest do
  use ExUnit.Case, async: false

  alias MyApp.Cache

  # Two tests start the same name: the second can find the first still running.
  test "starts" do
    assert {:ok, _pid} = Cache.start_link(name: __MODULE__) #~ test/start-supervised
  end

  test "starts again" do
    assert {:ok, _pid} = Cache.start_link(name: __MODULE__) #~ test/start-supervised
  end
end
