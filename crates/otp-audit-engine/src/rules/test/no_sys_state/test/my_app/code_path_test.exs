defmodule MyApp.CodePathTest do
  use ExUnit.Case, async: false

  # The runtime's code server has no API that tells whether a path is cached.
  test "prepending a path drops the code server's cache" do
    MyApp.CodePath.prepend!("/tmp/plugins/ebin")
    {:status, _, _, [_, _, _, _, [_, _, {:data, [{~c"State", state}]}]]} = :sys.get_status(:code_server)
    assert elem(state, 0) == :state
  end

  test "the project's own server is still read through its API" do
    pid = start_supervised!(MyApp.CodePath.Watcher)
    assert %{paths: []} = :sys.get_state(pid) #~ test/no-sys-state
  end
end
