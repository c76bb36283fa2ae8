defmodule MyApp.MockedRefreshTest do
  use ExUnit.Case, async: false

  import Mox

  setup :set_mox_global

  test "a second request waits for the refresh under way" do
    parent = self()

    spawn(fn ->
      send(parent, MyApp.Creds.fetch(:primary))
    end)

    MyApp.HttpMock
    |> expect(:request, fn _method, _url -> {:ok, "token"} end)

    # The expectation starts nothing: the sleep follows the spawn.
    Process.sleep(50)  #~ test/no-sleep
    assert MyApp.Creds.fetch(:primary) == {:ok, "token"}
    assert_receive {:ok, "token"}
  end

  test "the same request, made while the first is under way" do
    parent = self()
    op = MyApp.Creds.operation(:primary)

    spawn(fn ->
      send(parent, MyApp.Creds.request(op))
    end)

    MyApp.HttpMock
    |> expect(:request, fn _method, _url -> {:ok, "token"} end)

    # Orders the two requests: the test's arrives while the refresh runs.
    Process.sleep(50)  #~ test/no-sleep
    assert MyApp.Creds.request(op) == {:ok, "token"}
    assert_receive {:ok, "token"}
  end

  test "a sleep after an expectation alone" do
    expect(MyApp.HttpMock, :request, fn _method, _url -> {:ok, "token"} end)
    MyApp.Creds.refresh_async(:primary)
    Process.sleep(50)  #~ test/no-sleep
    assert MyApp.Creds.cached(:primary) == "token"
  end
end
