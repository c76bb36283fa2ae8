defmodule MyApp.QueryInterruptTest do
  use ExUnit.Case, async: true

  # The sleep stands for "the query is running", which the interrupt needs: a
  # start message sent before the call would come too early.
  test "a running query can be interrupted" do
    {:ok, db} = MyApp.Db.open(":memory:")
    parent = self()

    spawn(fn ->
      {:ok, stmt} = MyApp.Db.prepare(db, "SELECT count(*) FROM big_table")
      send(parent, {:done, MyApp.Db.step(db, stmt)})
    end)

    Process.sleep(10) #~ test/no-sleep
    :ok = MyApp.Db.interrupt(db)
    assert_receive {:done, {:error, :interrupted}}, 1_000
  end

  # The next statement does not act on the process's call: a start signal works.
  test "a query runs beside a write" do
    {:ok, db} = MyApp.Db.open(":memory:")
    parent = self()

    spawn(fn -> send(parent, {:done, MyApp.Db.query(db, "SELECT 1")}) end)

    Process.sleep(10) #~ test/no-sleep
    :ok = MyApp.Cache.put(:last_query, "SELECT 1")
    assert_receive {:done, {:ok, _}}
  end
end
