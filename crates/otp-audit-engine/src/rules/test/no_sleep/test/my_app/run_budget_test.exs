defmodule MyApp.RunBudgetTest do
  use ExUnit.Case, async: true
  use ExUnitProperties

  property "runs until the budget is spent" do
    {:ok, runs} = Agent.start_link(fn -> 0 end)

    check all _n <- integer(), max_runs: :infinity, max_run_time: 60 do
      Process.sleep(20)
      Agent.update(runs, &(&1 + 1))
      :ok
    end

    assert Agent.get(runs, & &1) in 2..4
  end

  test "a block that caps attempts, not time, still waits on the task" do
    {:ok, jobs} = Agent.start_link(fn -> [] end)

    MyApp.Retry.with_retries max_attempts: 3 do
      Task.start(fn -> Agent.update(jobs, &[:ran | &1]) end)
      Process.sleep(50) #~ test/no-sleep
      assert Agent.get(jobs, & &1) != []
    end
  end
end
