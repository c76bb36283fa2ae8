defmodule MyApp.FrameJournalTest do
  use ExUnit.Case, async: true

  alias MyApp.FrameJournal

  setup do
    {:ok, journal: start_supervised!({FrameJournal, size: 4})}
  end

  test "lists frames oldest first", %{journal: journal} do
    # The sleeps make sure the frames get different timestamps.
    FrameJournal.log(journal, :out, <<1>>)
    Process.sleep(5) #~ test/no-sleep

    FrameJournal.log(journal, :in, <<2>>)
    Process.sleep(5) #~ test/no-sleep

    assert [%{frame: <<1>>}, %{frame: <<2>>}] = FrameJournal.list(journal)
  end

  # Near miss: the comment says why the test waits, and it is not about time stamps.
  test "drops the oldest frame when full", %{journal: journal} do
    # Give the journal time to take the frames in before reading.
    for byte <- 1..5, do: FrameJournal.log(journal, :out, <<byte>>)
    Process.sleep(20) #~ test/no-sleep

    assert length(FrameJournal.list(journal)) == 4
  end
end
