defmodule MyApp.KeepaliveIntervalTest do
  use ExUnit.Case, async: true

  # The name says "keepalive" and the test sets `keepalive_interval: 5` itself: the
  # sleeps let several keepalives go out between the queries. Time is the subject.
  test "queries still work around a keepalive" do
    {:ok, conn} = MyApp.Link.start_link(keepalive_interval: 5)
    assert {:ok, 1} = MyApp.Link.query(conn, "one")
    Process.sleep(30)
    assert {:ok, 1} = MyApp.Link.query(conn, "one")
  end

  # Same option, but the name does not say what the sleep waits for.
  test "answers two queries" do
    {:ok, conn} = MyApp.Link.start_link(keepalive_interval: 5)
    assert {:ok, 1} = MyApp.Link.query(conn, "one")
    Process.sleep(30) #~ test/no-sleep
    assert {:ok, 2} = MyApp.Link.query(conn, "two")
  end

  # The name says "keepalive", but this test sets no such option: the sleep guesses.
  test "a keepalive link reconnects" do
    {:ok, conn} = MyApp.Link.start_link(reconnect: true)
    MyApp.Link.drop(conn)
    Process.sleep(30) #~ test/no-sleep
    assert MyApp.Link.connected?(conn)
  end
end
