defmodule MyApp.TimeoutReportTest do
  use ExUnit.Case, async: false

  alias MyApp.Support.Runner

  setup do
    ref = MyApp.Reporter.listen(self())
    %{report_ref: ref, runner: start_supervised!(Runner, restart: :temporary)}
  end

  test "a call that times out at once is reported", %{report_ref: ref, runner: runner} do
    # The fn runs inside the supervised runner; the task's call gives up at once.
    Task.start(fn ->
      Runner.run(runner, fn -> Process.sleep(:infinity) end, _timeout = 0)
    end)

    assert_receive {^ref, %{reason: {:timeout, _}}}
  end

  test "a runner of the test's own, called with a zero timeout" do
    ref = MyApp.Reporter.listen(self())
    runner = start_supervised!(Runner)

    Task.start(fn ->
      Runner.run(runner, fn -> Process.sleep(:infinity) end, _timeout = 0)
    end)

    assert_receive {^ref, %{reason: {:timeout, _}}}
  end

  test "a runner nobody supervises keeps the task waiting", %{report_ref: ref} do
    {:ok, runner} = Runner.start_link([]) #~ test/start-supervised

    Task.start(fn -> #~ test/start-supervised
      Runner.run(runner, fn -> Process.sleep(:infinity) end)
    end)

    assert_receive {^ref, _report}
  end
end
