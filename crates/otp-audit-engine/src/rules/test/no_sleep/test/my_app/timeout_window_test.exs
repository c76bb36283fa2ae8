defmodule MyApp.TimeoutWindowTest do
  use ExUnit.Case, async: true

  test "a response inside the window completes the request" do
    pid = start_supervised!({MyApp.Requests, timeout_ms: 500})
    {:ok, _} = MyApp.Requests.call(pid, {:start, "REQ-1"})

    # The response comes a little later, still inside the window.
    Process.sleep(50) #~ test/no-sleep

    assert {:ok, :done} = MyApp.Requests.call(pid, {:respond, "REQ-1"})
  end

  test "a cast leaves work in flight" do
    pid = start_supervised!({MyApp.Requests, timeout_ms: 500})
    GenServer.cast(pid, {:start, "REQ-2"})
    Process.sleep(50) #~ test/no-sleep
    assert MyApp.Requests.pending(pid) == ["REQ-2"]
  end

  test "a slow request in flight blocks the next one" do
    pid = start_supervised!({MyApp.Requests, timeout_ms: 500})
    task = Task.async(fn -> MyApp.Requests.call(pid, {:slow, "REQ-3"}) end)
    Process.sleep(20) #~ test/no-sleep
    assert MyApp.Requests.pending(pid) == ["REQ-3"]
    Task.await(task)
  end

  test "a writer process may not have written yet" do
    path = Path.join(System.tmp_dir!(), "requests.log")
    spawn(fn -> File.write!(path, "REQ-4") end)
    Process.sleep(10) #~ test/no-sleep
    assert File.read!(path) == "REQ-4"
  end
end
