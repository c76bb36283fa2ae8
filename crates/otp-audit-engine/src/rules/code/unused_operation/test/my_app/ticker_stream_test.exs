defmodule Ticker.StreamTest do
  use ExUnit.Case

  test "emits three ticks" do
    me = self()

    ticks(me)
    |> Stream.take(3)
    |> Stream.each(&notify(me, &1))
    |> Enum.to_list() #~ code/unused-operation

    for _ <- 1..3, do: assert_received({:tick, _})
  end

  test "emits three ticks, stream-named" do
    me = self()

    tick_stream!(me)
    |> Stream.take(3)
    |> Stream.each(&notify(me, &1))
    |> Enum.to_list() #~ code/unused-operation

    for _ <- 1..3, do: assert_received({:tick, _})
  end

  defp notify(pid, t), do: send(pid, {:tick, t})

  defp ticks(_owner) do
    {:ok, stage} = Ticker.Producer.start_link([])
    GenStage.stream([{stage, max_demand: 10}])
  end

  defp tick_stream!(_owner) do
    {:ok, stage} = Ticker.Producer.start_link([])
    GenStage.stream([{stage, max_demand: 10}])
  end
end
