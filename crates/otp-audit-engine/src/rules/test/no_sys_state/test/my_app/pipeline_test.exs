defmodule MyApp.PipelineTest do
  use ExUnit.Case, async: true

  alias MyApp.Pipeline

  setup do
    Process.flag(:trap_exit, true)
    {:ok, pipeline} = Pipeline.start_link(stages: 2)
    %{pipeline: pipeline}
  end

  describe "format_status/2" do
    # `:sys.get_status/1` is the only public way to run the callback under test.
    test "hides the credentials", %{pipeline: pipeline} do
      {:status, _pid, _mod, [_pdict, _sys, _parent, _dbg, [_header, _running, data: data]]} =
        :sys.get_status(pipeline)

      refute inspect(data) =~ "s3cr3t"
    end
  end

  test "the status is internal elsewhere", %{pipeline: pipeline} do
    {:status, _pid, _mod, _items} = :sys.get_status(pipeline) #~ test/no-sys-state
  end

  test "killing the stage supervisor stops the pipeline", %{pipeline: pipeline} do
    # Reaches a process the API does not expose: reported, with what to do instead.
    %{stage_sup: stage_sup} = :sys.get_state(pipeline) #~ test/no-sys-state
    Process.exit(stage_sup, :kill)
    assert_receive {:EXIT, ^pipeline, :killed}
  end

  test "the stage supervisor's pid is not the subject either", %{pipeline: pipeline} do
    %{stage_sup: stage_sup, stages: stages} = :sys.get_state(pipeline) #~ test/no-sys-state
    assert is_pid(stage_sup)
    assert stages == 2
  end
end
