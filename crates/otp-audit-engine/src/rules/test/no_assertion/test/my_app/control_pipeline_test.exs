defmodule MyApp.ControlPipelineTest do
  use ExUnit.Case, async: true

  alias MyApp.ControlPipeline

  setup do
    {:ok, pipeline} = ControlPipeline.start_link(subscriber: self())
    %{pipeline: pipeline}
  end

  test "announces the start of the stream", %{pipeline: pipeline} do
    ControlPipeline.subscribe(pipeline, :start_of_stream)
    ControlPipeline.play(pipeline)

    ControlPipeline.await_start_of_stream(pipeline, :sink)
  end

  test "waits for the workers it started", %{pipeline: pipeline} do #~ test/no-assertion
    tasks = for n <- 1..3, do: Task.async(fn -> ControlPipeline.push(pipeline, n) end)
    Task.await_many(tasks)
  end
end
