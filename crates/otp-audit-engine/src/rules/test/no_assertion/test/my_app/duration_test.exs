# fixture: needs the project (the module under test is in lib/)
defmodule MyApp.DurationTest do
  use ExUnit.Case, async: true
  # The doctests include one that expects the raise: the error path is checked.
  doctest MyApp.Duration

  test "seconds" do
    assert MyApp.Duration.parse!("1s") == 1000
  end
end

defmodule MyApp.IntervalTest do #~ test/no-assertion
  use ExUnit.Case, async: true
  doctest MyApp.Interval

  test "seconds" do
    assert MyApp.Interval.parse!("1s") == 1000
  end
end
