defmodule MyApp.EventFanoutTest do
  use ExUnit.Case, async: true

  test "every subscriber hears that a job finished" do
    test_pid = self()

    spawn_link(fn ->
      MyApp.JobEvents.subscribe()

      receive do
        {:finished, job} -> send(test_pid, {:first, job.id})
      end
    end)

    spawn(fn -> #~ test/no-raw-spawn
      MyApp.JobEvents.subscribe()

      receive do
        {:finished, job} -> send(test_pid, {:second, job.id})
        {:failed, job} -> send(test_pid, {:second_failed, job.id})
      end
    end)

    MyApp.JobEvents.finished(%{id: 1})

    assert_receive {:first, 1}
    assert_receive {:second, 1}
  end
end
