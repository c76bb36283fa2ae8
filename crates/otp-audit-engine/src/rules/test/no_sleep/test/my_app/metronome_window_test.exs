defmodule MyApp.MetronomeWindowTest do
  use ExUnit.Case, async: false

  @beat_error 3

  test "the metronome beats once per interval over the window" do
    beat_ms = 2

    for beats <- [50, 200] do
      {:ok, metronome} = MyApp.Metronome.start_link(every: beat_ms, notify: self())
      assert_receive :started
      Process.sleep(beat_ms * beats)
      MyApp.Metronome.stop(metronome)
      counted = MyApp.Metronome.drain_beats()
      assert_in_delta counted, beats, @beat_error
    end
  end

  test "a computed sleep with no measured count after it still guesses" do
    beat_ms = 2
    {:ok, metronome} = MyApp.Metronome.start_link(every: beat_ms, notify: self())
    Process.sleep(beat_ms * 10) #~ test/no-sleep
    assert MyApp.Metronome.running?(metronome)
  end

  test "a literal sleep before a delta check still guesses" do
    {:ok, metronome} = MyApp.Metronome.start_link(every: 5, notify: self())
    Process.sleep(100) #~ test/no-sleep
    assert_in_delta MyApp.Metronome.drift(metronome), 0, 2
  end
end
