defmodule MyApp.BoundedPollTest do
  use ExUnit.Case

  alias MyApp.{Jobs, Router}

  # The sleep is the back-off of a bounded retry that stops on the value it looks
  # for: the poll the rule recommends.
  test "the router registers the worker", %{registry: registry} do
    Router.start_worker(registry, :alpha)

    worker =
      Enum.reduce_while(1..40, nil, fn _attempt, acc ->
        case Registry.lookup(registry, :alpha) do
          [] ->
            Process.sleep(25)
            {:cont, acc}

          [{pid, _}] ->
            {:halt, pid}
        end
      end)

    assert is_pid(worker)
  end

  test "the job is picked up within a second" do
    {:ok, job} = Jobs.enqueue(:report)

    state =
      Enum.find_value(1..20, fn _ ->
        if Jobs.status(job) == :queued do
          :timer.sleep(50)
          nil
        else
          Jobs.status(job)
        end
      end)

    assert state in [:running, :done]
  end

  # Control: every round sleeps, whatever it finds; nothing stops the loop early.
  test "the job is polled a fixed number of times" do
    {:ok, job} = Jobs.enqueue(:report)

    Enum.each(1..5, fn _ ->
      Process.sleep(20) #~ test/no-sleep
      Jobs.status(job)
    end)

    assert Jobs.status(job) == :done
  end

  # Control: a comprehension cannot stop early, so every round waits.
  test "the counter settles", %{counter: counter} do
    GenServer.cast(counter, :bump)

    for _ <- 1..3 do
      Process.sleep(10) #~ test/no-sleep
    end

    assert Jobs.count(counter) == 1
  end

  # Also a poll: each round waits, then looks, and the loop stops on what it finds.
  test "the report is written", %{dir: dir} do
    {:ok, _job} = Jobs.enqueue(:report, dir: dir)

    path =
      Enum.find_value(1..20, fn _ ->
        Process.sleep(50)
        Jobs.report_path(dir)
      end)

    assert File.exists?(path)
  end

  # Control: an unbounded stream has no retry limit.
  test "the worker shows up eventually", %{registry: registry} do
    Router.start_worker(registry, :beta)

    worker =
      Stream.repeatedly(fn -> Registry.lookup(registry, :beta) end)
      |> Enum.find_value(fn
        [] ->
          Process.sleep(25) #~ test/no-sleep
          nil

        [{pid, _}] ->
          pid
      end)

    assert Router.workers(registry) == [worker]
  end
end
