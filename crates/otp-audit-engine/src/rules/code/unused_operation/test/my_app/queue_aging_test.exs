defmodule MyApp.QueueAgingTest do
  use ExUnit.Case, async: true

  alias MyApp.Queue

  test "the oldest job is taken first" do
    jobs = for n <- 1..3, do: Queue.push!(:aging, %{n: n})
    now = DateTime.utc_now()

    # Backdates each job by its position: the index is why `with_index` is here.
    Enum.with_index(jobs, fn job, position -> #~ code/unused-operation
      :ok = Queue.touch(job, DateTime.add(now, -position * 60, :second))
    end)

    assert Queue.pop!(:aging).n == 3
  end

  test "every job is touched" do
    jobs = for n <- 1..3, do: Queue.push!(:touched, %{n: n})

    # No index: a plain `Enum.each/2` fits, and the finding stays a warning.
    Enum.map(jobs, fn job -> #~ code/unused-operation
      :ok = Queue.touch(job, DateTime.utc_now())
    end)

    jobs
    |> Enum.filter(&(&1.n > 1))
    |> Enum.with_index(fn job, position -> #~ code/unused-operation
      :ok = Queue.touch(job, DateTime.add(DateTime.utc_now(), position, :second))
    end)

    assert Queue.size(:touched) == 3
  end
end
