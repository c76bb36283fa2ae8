defmodule MyApp.SpanMergerTest do
  use ExUnit.Case, async: true

  # The module's only raise guards its own invariant: no error path to cover.
  test "merges widest first" do
    assert MyApp.SpanMerger.merge([[{0, 3}], [{0, 10}, {2, 3}]]) == [{0, 10}, {0, 3}, {2, 3}]
  end
end
