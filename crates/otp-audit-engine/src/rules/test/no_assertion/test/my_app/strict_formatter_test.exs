defmodule MyApp.StrictFormatterTest do
  use ExUnit.Case, async: true

  defmodule SortedCheck do
    import ExUnit.Assertions

    def format(rows, opts) do
      if opts[:assert_sorted?], do: assert(rows == Enum.sort(rows))
      Enum.map(rows, &to_string/1)
    end
  end

  test "the renderer hands rows to the formatter sorted" do
    MyApp.Renderer.render([3, 1, 2], formatter: SortedCheck, assert_sorted?: true)
  end

  test "the renderer accepts an empty list" do #~ test/no-assertion
    MyApp.Renderer.render([], formatter: SortedCheck)
  end
end
