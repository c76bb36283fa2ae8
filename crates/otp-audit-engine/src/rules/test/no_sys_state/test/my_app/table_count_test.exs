defmodule MyApp.TableCountTest do
  use ExUnit.Case, async: true

  alias MyApp.{Tracker, TableUtils}

  test "a temporary child that dies is forgotten" do
    tracker = start_supervised!(Tracker)
    :ok = Tracker.track(tracker, :job_a)
    Tracker.forget(tracker, :job_a)
    # The count goes through the project's helper for its ETS tables.
    assert TableUtils.size_of(:sys.get_state(tracker).entries_by_id) == 0 #~ test/no-sys-state
  end

  test "an entry read through the state" do
    tracker = start_supervised!(Tracker)
    :ok = Tracker.track(tracker, :job_b)
    assert TableUtils.lookup(:sys.get_state(tracker).entries_by_id, :job_b) #~ test/no-sys-state
  end
end
