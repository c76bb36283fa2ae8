defmodule MyApp.PipelineShutdownTest do
  use ExUnit.Case, async: true

  setup do
    Process.flag(:trap_exit, true)
    {:ok, pipeline} = MyApp.Pipeline.start_link(stages: 2)
    %{pipeline: pipeline}
  end

  # The supervisor is only checked for being gone: an assertion on the shutdown.
  test "stopping the pipeline takes its supervisor down", %{pipeline: pipeline} do
    %{stage_sup: stage_sup} = :sys.get_state(pipeline) #~ test/no-sys-state
    Process.exit(pipeline, :shutdown)
    assert_receive {:EXIT, ^pipeline, :shutdown}
    refute Process.alive?(stage_sup)
  end

  # The supervisor is killed: a fault the test injects through the state.
  test "a dead supervisor stops the pipeline", %{pipeline: pipeline} do
    %{stage_sup: stage_sup} = :sys.get_state(pipeline) #~ test/no-sys-state
    Process.exit(stage_sup, :kill)
    assert_receive {:EXIT, ^pipeline, :killed}
  end

  # A support helper named for ending the process: a fault injected too.
  test "a lost connection is replaced", %{pipeline: pipeline} do
    kill_connection(pipeline)
    assert {:ok, _conn} = MyApp.Pipeline.connection(pipeline)
  end

  defp kill_connection(pipeline) do
    %{conn: conn} = :sys.get_state(pipeline) #~ test/no-sys-state
    MyApp.ProcessHelper.shutdown(conn)
  end

  # A ref from the state, forged into the message the process gets when its lock goes.
  test "a released lock makes the pipeline pause", %{pipeline: pipeline} do
    %{lock: %{ref: lock_ref}} = :sys.get_state(pipeline) #~ test/no-sys-state
    Process.send(pipeline, {MyApp.Locks, :released, lock_ref}, [])
    assert MyApp.Pipeline.paused?(pipeline)
  end
end
