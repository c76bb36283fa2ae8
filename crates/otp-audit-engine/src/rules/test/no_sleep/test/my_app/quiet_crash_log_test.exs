defmodule MyApp.QuietCrashLogTest do
  use ExUnit.Case, async: true

  import ExUnit.CaptureLog

  alias MyApp.Pool

  test "a child that fails to start is not added" do
    pool = start_supervised!({Pool, children: [:first]})

    capture_log(fn ->
      spec = %{id: :broken, start: {Agent, :start_link, [fn -> raise "boom" end]}}
      {:error, _} = Pool.start_child(pool, spec)
      Process.sleep(100) #~ test/no-sleep
    end)

    assert Pool.child_ids(pool) == [:first]
  end

  # Near misses: the output is read, or the capture sent work to another process.
  test "the crash is logged" do
    pool = start_supervised!({Pool, children: [:first]})

    log =
      capture_log(fn ->
        {:error, _} = Pool.start_child(pool, %{id: :broken, start: {Agent, :start_link, [fn -> raise "boom" end]}})
        Process.sleep(100) #~ test/no-sleep
      end)

    assert log =~ "boom"
  end

  test "a crash sent to the pool" do
    pool = start_supervised!({Pool, children: [:first]})

    capture_log(fn ->
      send(pool, {:crash_child, :first})
      Process.sleep(100) #~ test/no-sleep
    end)

    assert Pool.child_ids(pool) == [:first]
  end
end
