defmodule MyApp.SetupAttachTest do
  use ExUnit.Case, async: false

  alias MyApp.Jobs

  def forward(event, measurements, metadata, pid), do: send(pid, {event, measurements, metadata})

  describe "a handler that every test of the describe detaches" do
    setup do
      :telemetry.attach_many(
        "jobs-spans",
        [[:my_app, :job, :start], [:my_app, :job, :stop]],
        &__MODULE__.forward/4,
        self()
      )

      :ok
    end

    test "reports the start and the stop of a job" do
      Jobs.run(:report)
      assert_received {[:my_app, :job, :start], _, _}
      assert_received {[:my_app, :job, :stop], _, _}
      :telemetry.detach("jobs-spans")
    end
  end

  # The second test never detaches it: the next attach of "jobs-retry" fails.
  describe "a handler that one test of the describe leaves behind" do
    setup do
      :telemetry.attach("jobs-retry", [:my_app, :job, :retry], &__MODULE__.forward/4, self()) #~ test/telemetry-detach
      :ok
    end

    test "reports a retry" do
      Jobs.run(:flaky)
      assert_received {[:my_app, :job, :retry], _, _}
      :telemetry.detach("jobs-retry")
    end

    test "reports no retry for a job that succeeds" do
      Jobs.run(:report)
      refute_received {[:my_app, :job, :retry], _, _}
    end
  end

  # A fresh ref cannot clash with a later attach; the handler still runs on.
  describe "a handler under a fresh ref" do
    setup do
      ref = make_ref()
      :telemetry.attach(ref, [:my_app, :job, :stop], &__MODULE__.forward/4, self()) #~ test/telemetry-detach
      %{ref: ref}
    end

    test "reports the stop of a job" do
      Jobs.run(:report)
      assert_received {[:my_app, :job, :stop], _, _}
    end
  end
end
