defmodule MyApp.CrashCaptureTest do
  use ExUnit.Case, async: false

  defmodule Dummy do
    use GenServer
    def init(state), do: {:ok, state}
    def handle_call(:ping, _from, state), do: {:reply, :pong, state}
    def handle_call(:sleep, _from, _state), do: Process.sleep(:infinity)
  end

  # The spawned process calls a clause that does not exist: it crashes at once,
  # and the crash report is what the test looks for.
  @tag :capture_log
  test "a function clause error is reported" do
    :proc_lib.spawn(fn ->
      Task.async(fn -> Dummy.handle_call(:nope, nil, nil) end) |> Task.await()
    end)

    assert_receive {:crash_reported, %{kind: FunctionClauseError}}, 500
  end

  # Near miss: `:sleep` has a clause, and it never returns.
  test "a hung call is reported" do
    :proc_lib.spawn(fn -> Dummy.handle_call(:sleep, nil, nil) end) #~ test/no-raw-spawn
    assert_receive {:hang_reported, _}, 500
  end
end
