defmodule MyApp.SpanTimingTest do
  use ExUnit.Case, async: false

  require OpenTelemetry.Tracer, as: Tracer

  alias MyApp.Tracing.Collector
  alias MyApp.Tracing.TelemetryProcessor

  setup do
    ref = Collector.listen(self())
    %{ref: ref}
  end

  test "a database span keeps its statement", %{ref: ref} do
    Tracer.with_span "SELECT users", %{kind: :client} do
      # The work being traced: the span needs a duration.
      Process.sleep(1)
    end

    assert_receive {^ref, %{name: "SELECT users"}}, 500
  end

  test "timing a slow step reports microseconds" do
    {micros, :ok} = :timer.tc(fn -> Process.sleep(5) end)
    assert micros >= 5_000
  end

  test "a log line below the level leaves the buffer alone" do
    before = TelemetryProcessor.buffer_size(:log)
    MyApp.Log.debug("ignored")
    # Not telemetry: a buffer process whose name holds the word.
    Process.sleep(100) #~ test/no-sleep
    assert TelemetryProcessor.buffer_size(:log) == before
  end

  test "after the span, the export is still guessed", %{ref: ref} do
    Tracer.with_span "GET /orders" do
      :ok
    end

    Process.sleep(200) #~ test/no-sleep
    assert Collector.count(ref) == 1
  end
end
