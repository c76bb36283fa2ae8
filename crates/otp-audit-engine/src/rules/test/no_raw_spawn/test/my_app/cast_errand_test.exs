defmodule MyApp.CastErrandTest do
  use ExUnit.Case, async: true

  test "an errand that only casts to a stage" do
    {:ok, stage} = start_supervised({MyApp.Producer, []})
    spawn(fn -> GenStage.cast(stage, {:push, [1, 2]}) end)
    assert_receive {:events, [1, 2]}, 1_000
  end

  test "an errand that only casts to a state machine" do
    {:ok, machine} = start_supervised({MyApp.Door, []})
    spawn(fn -> :gen_statem.cast(machine, :open) end)
    spawn(fn -> :gen_server.cast(machine, :ping) end)
    assert_receive :opened, 1_000
  end

  test "a cast whose argument does work of its own" do
    {:ok, stage} = start_supervised({MyApp.Producer, []})
    spawn(fn -> GenStage.cast(stage, MyApp.Producer.batch(stage)) end) #~ test/no-raw-spawn
    assert_receive {:events, _}, 1_000
  end
end
