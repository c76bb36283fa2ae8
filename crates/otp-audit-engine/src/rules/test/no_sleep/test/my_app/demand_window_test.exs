defmodule MyApp.DemandWindowTest do
  use ExUnit.Case, async: false

  alias MyApp.{PausingSink, SteadySource}

  test "pausing demand slows the source down" do
    pipeline = start_supervised!({MyApp.Pipeline, source: SteadySource, sink: PausingSink})

    for _round <- 1..5 do
      # The source emits one buffer per tick: about 100 in this window.
      Process.sleep(100 * SteadySource.tick_ms())
      MyApp.Pipeline.notify(pipeline, :sink, :pause)
      assert_receive {:received, received}
      assert received > 65

      # Paused: at most the demand already granted comes through.
      Process.sleep(100 * SteadySource.tick_ms())
      MyApp.Pipeline.notify(pipeline, :sink, :resume)
      assert_receive {:received, received}
      assert received < 25
    end
  end

  test "something arrives" do
    pipeline = start_supervised!({MyApp.Pipeline, source: SteadySource, sink: PausingSink})
    Process.sleep(10 * SteadySource.tick_ms()) #~ test/no-sleep
    received = MyApp.Pipeline.count(pipeline, :sink)
    assert received > 0
  end
end
