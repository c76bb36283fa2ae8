defmodule MyApp.Scheduler.Test do
  @moduledoc """
  Helpers for testing scheduled jobs: tick a scheduler by hand and assert on the
  events it emits. Only for use in tests.
  """

  @doc "Runs one tick of the scheduler now."
  def tick(pid), do: GenServer.call(pid, :tick)

  @doc "Asserts that the job `id` has run."
  defmacro assert_ticked(id) do
    quote do
      assert_receive {:ticked, unquote(id)}, 1_000
    end
  end
end

defmodule MyApp.Scheduler.Client do
  @moduledoc "Control: production code asking the scheduler, with the same call."

  def next_run(pid), do: GenServer.call(pid, :next_run) #~ otp/call-timeout
end
