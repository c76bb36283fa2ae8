defmodule MyApp.NotifierTest do
  use ExUnit.Case, async: true

  test "forwards events to the test process" do
    parent = self()
    pid = spawn(fn -> receive do: (msg -> send(parent, {:got, msg})) end)
    send(pid, :hello)
    assert_receive {:got, :hello}
  end
end
