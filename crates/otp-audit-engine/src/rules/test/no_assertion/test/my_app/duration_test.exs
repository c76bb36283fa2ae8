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

defmodule MyApp.SpanTest do
  use ExUnit.Case, async: true
  # A doctest answered by `{:error, :invalid}` checks the error path.
  doctest MyApp.Span

  test "seconds" do
    assert MyApp.Span.parse("1s") == {:ok, 1000}
  end
end

defmodule MyApp.WindowTest do #~ test/no-assertion
  use ExUnit.Case, async: true
  # The error is only named in prose, not shown by an example.
  doctest MyApp.Window

  test "seconds" do
    assert MyApp.Window.parse("1s") == {:ok, 1000}
  end
end
