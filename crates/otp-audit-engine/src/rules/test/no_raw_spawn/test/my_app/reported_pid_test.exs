defmodule MyApp.ReportedPidTest do
  use ExUnit.Case, async: true

  test "each holder reports its pid, and the test lets it go" do
    test_pid = self()

    for slot <- 1..3 do
      # The test learns each pid from the report, and feeds it the one message its
      # receive waits for.
      spawn_link(fn ->
        send(test_pid, {self(), MyApp.Slots.claim(slot)})

        receive do
          :release -> :ok
        end
      end)
    end

    for _ <- 1..3 do
      assert_receive {pid, {:ok, _slot}}
      send(pid, :release)
    end
  end

  test "holders whose reports the test reads but never answers" do
    test_pid = self()

    for slot <- 1..3 do
      spawn_link(fn -> #~ test/no-raw-spawn
        send(test_pid, {self(), MyApp.Slots.claim(slot)})

        receive do
          :release -> :ok
        end
      end)
    end

    for _ <- 1..3 do
      assert_receive {_pid, {:ok, _slot}}
    end
  end
end
