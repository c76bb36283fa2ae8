defmodule MyApp.PolledPidTest do
  use ExUnit.Case, async: true

  import MyApp.Eventually

  test "a pid polled until it is gone is dead when used" do
    gone = spawn(fn -> :ok end)
    eventually(fn -> not Process.alive?(gone) end)
    assert catch_exit(MyApp.Lookup.ping(gone))
  end

  test "a stand-in sender serves dead or alive" do
    sender = spawn(fn -> :ok end)
    MyApp.Feed.publish_from(sender, "prices", %{eur: 1})
    assert_receive {:feed, "prices", %{eur: 1}}
  end

  test "a pid used as dead without a wait is still racy" do
    gone = spawn(fn -> :ok end) #~ test/no-raw-spawn
    assert catch_exit(MyApp.Lookup.ping(gone))
  end

  test "a linked helper process" do
    parent = self()
    pid = spawn_link(fn -> receive(do: (:go -> send(parent, :went))) end) #~ test/no-raw-spawn
    send(pid, :go)
    assert_receive :went
  end
end
