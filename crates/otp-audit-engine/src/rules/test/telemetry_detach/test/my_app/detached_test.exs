defmodule MyApp.DetachedTest do
  use ExUnit.Case

  alias MyApp.Jobs

  # No finding in this file: every handler is detached when its test ends.

  def forward(event, measurements, metadata, pid), do: send(pid, {event, measurements, metadata})

  test "detaches in on_exit" do
    ref = :telemetry_test.attach_event_handlers(self(), [[:my_app, :job, :stop]])
    on_exit(fn -> :telemetry.detach(ref) end)
    Jobs.run(:report)
    assert_received {[:my_app, :job, :stop], ^ref, _, _}
  end

  test "detaches at the end of the test" do
    :telemetry.attach("inline", [:my_app, :job, :stop], &__MODULE__.forward/4, self())
    Jobs.run(:report)
    assert_received {[:my_app, :job, :stop], _, _}
    :telemetry.detach("inline")
  end

  test "detaching every handler in a loop", %{test: test} do
    ids = for event <- [:start, :stop], do: {test, event}
    for {_, event} = id <- ids, do: :telemetry.attach(id, [:my_app, :job, event], &__MODULE__.forward/4, self())
    on_exit(fn -> Enum.each(ids, &:telemetry.detach/1) end)
    on_exit(fn -> for id <- ids, do: :telemetry.detach(id) end)
    Jobs.run(:report)
    assert_received {[:my_app, :job, :stop], _, _}
  end

  describe "with a setup that cleans up" do
    setup do
      on_exit(fn -> :telemetry.detach("described") end)
    end

    test "relies on the setup's on_exit" do
      :telemetry.attach("described", [:my_app, :job, :stop], &__MODULE__.forward/4, self())
      Jobs.run(:report)
      assert_received {[:my_app, :job, :stop], _, _}
    end
  end
end
