defmodule MyApp.PipelineRunTest do
  use ExUnit.Case, async: true

  @orders Flow.from_enumerable(1..40, stages: 2)

  test "a partitioned flow leaves no messages behind" do
    1..50
    |> Flow.from_enumerable(stages: 2)
    |> Flow.map(&(&1 * 3))
    |> Flow.partition(stages: 2)
    |> Enum.to_list() #~ code/unused-operation

    refute_received _
  end

  test "a flow kept in an attribute runs to completion" do
    @orders |> Flow.filter(&(rem(&1, 2) == 0)) |> Enum.to_list() #~ code/unused-operation
    assert Process.info(self(), :monitors) == {:monitors, []}
  end

  test "a stage stream drains its producer" do
    {:ok, producer} = MyApp.CountingProducer.start_link(limit: 10)
    Enum.take(GenStage.stream([{producer, cancel: :transient}]), 10) #~ code/unused-operation
    refute Process.alive?(producer)
  end

  test "every mail goes out" do
    1..4 |> Task.async_stream(&MyApp.Mailer.deliver/1) |> Enum.to_list() #~ code/unused-operation
    assert MyApp.Mailer.sent_count() == 4
  end

  test "reading through a resource closes the device" do
    path = Path.join(System.tmp_dir!(), "pipeline_run.txt")
    File.write!(path, "a\nb\n")

    Stream.resource(
      fn -> File.open!(path) end,
      fn dev -> if line = IO.read(dev, :line), do: {[line], dev}, else: {:halt, dev} end,
      &File.close/1
    )
    |> Stream.map(&String.trim/1)
    |> Enum.count() #~ code/unused-operation

    File.stream!(path) |> Stream.map(&String.upcase/1) |> Enum.to_list() #~ code/unused-operation
    assert File.exists?(path)
  end

  test "pure pipelines are still dead code" do
    Stream.repeatedly(fn -> :tick end) |> Enum.take(2) #~ code/unused-operation
    [1, 2, 3] |> Stream.map(&(&1 + 1)) |> Enum.to_list() #~ code/unused-operation
    Enum.map(1..3, &(&1 * 2)) |> Enum.sum() #~ code/unused-operation
    assert true
  end
end
