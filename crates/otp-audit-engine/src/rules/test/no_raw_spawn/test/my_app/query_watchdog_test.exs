defmodule MyApp.QueryWatchdogTest do
  use ExUnit.Case, async: true

  # A watchdog the test cancels: it interrupts the query only if the test is late,
  # once, and ends either way.
  test "a watchdog interrupts a long query" do
    {:ok, db} = MyApp.Db.open(":memory:")

    watchdog =
      spawn(fn ->
        receive do
          :cancel -> :ok
        after
          500 -> MyApp.Db.interrupt(db)
        end
      end)

    result = MyApp.Db.run(db, "SELECT count(*) FROM generate_series(1, 100000000)")
    send(watchdog, :cancel)
    assert {:error, :interrupted} = result
  end

  # Never cancelled: the timeout branch is the only way out, and nothing says the
  # call there ends.
  test "a watchdog left running" do
    {:ok, db} = MyApp.Db.open(":memory:")

    spawn(fn -> #~ test/no-raw-spawn
      receive do
        :cancel -> :ok
      after
        500 -> MyApp.Db.interrupt(db)
      end
    end)

    assert {:ok, _} = MyApp.Db.run(db, "SELECT 1")
  end
end
