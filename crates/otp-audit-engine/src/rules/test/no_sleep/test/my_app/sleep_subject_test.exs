defmodule MyApp.SleepSubjectTest do
  use ExUnit.Case, async: true

  test "the sleep is what the test checks" do
    assert Process.sleep(0) == :ok
  end

  test "a sleep before checking a cast is a guess" do
    MyApp.Counter.bump(:hits)
    Process.sleep(20) #~ test/no-sleep
    assert MyApp.Counter.value(:hits) == 1
  end
end
