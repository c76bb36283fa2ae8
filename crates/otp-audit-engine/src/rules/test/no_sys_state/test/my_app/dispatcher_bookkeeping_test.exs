defmodule MyApp.DispatcherBookkeepingTest do
  use ExUnit.Case, async: true

  setup do
    {:ok, dispatcher} = MyApp.Dispatcher.start_link([])
    %{dispatcher: dispatcher}
  end

  test "a finished job is removed from state", %{dispatcher: dispatcher} do
    send(dispatcher, {:job_done, make_ref()})
    state = :sys.get_state(dispatcher) #~ test/no-sys-state
    assert state.working == %{}
  end

  test "a finished job frees its slot in the queue state", %{dispatcher: dispatcher} do
    send(dispatcher, {:job_done, make_ref()})
    %{working: working} = :sys.get_state(dispatcher) #~ test/no-sys-state
    assert working == %{}
  end

  test "asserting on the state of the totals", %{dispatcher: dispatcher} do
    assert :sys.get_state(dispatcher).totals == %{} #~ test/no-sys-state
  end
end
