defmodule MyApp.JobsTelemetryTest do
  use ExUnit.Case

  alias MyApp.Jobs

  def forward(event, measurements, metadata, pid), do: send(pid, {event, measurements, metadata})

  test "emits a stop event with the duration" do
    ref = :telemetry_test.attach_event_handlers(self(), [[:my_app, :job, :stop]]) #~ test/telemetry-detach
    Jobs.run(:report)
    assert_received {[:my_app, :job, :stop], ^ref, %{duration: _}, %{job: :report}}
  end

  test "attach with a literal id" do
    :telemetry.attach("jobs-stop", [:my_app, :job, :stop], &__MODULE__.forward/4, self()) #~ test/telemetry-detach
    Jobs.run(:cleanup)
    assert_received {[:my_app, :job, :stop], %{duration: _}, %{job: :cleanup}}
  end

  test "attach_many matched against :ok", %{test: test} do
    events = [[:my_app, :job, :start], [:my_app, :job, :stop]]
    handler = {__MODULE__, test}
    :ok = :telemetry.attach_many(handler, events, &__MODULE__.forward/4, self()) #~ test/telemetry-detach
    Jobs.run(:sync)
    assert_received {[:my_app, :job, :start], _, _}
  end

  test "a computed id gets no fix" do
    :telemetry.attach("jobs-#{System.unique_integer()}", [:my_app, :job, :stop], &__MODULE__.forward/4, self()) #~ test/telemetry-detach
    Jobs.run(:sync)
    assert_received {[:my_app, :job, :stop], _, _}
  end

  test "detaching a different handler does not count" do
    :telemetry.attach("jobs-start", [:my_app, :job, :start], &__MODULE__.forward/4, self()) #~ test/telemetry-detach
    on_exit(fn -> :telemetry.detach("jobs-other") end)
    Jobs.run(:sync)
    assert_received {[:my_app, :job, :start], _, _}
  end

  describe "in setup" do
    setup do
      :telemetry.attach(:jobs_exception, [:my_app, :job, :exception], &__MODULE__.forward/4, self()) #~ test/telemetry-detach
      :ok
    end

    test "reports exceptions" do
      Jobs.run(:crash)
      assert_received {[:my_app, :job, :exception], _, %{kind: :error}}
    end
  end
end
