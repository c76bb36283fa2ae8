defmodule MyApp.ShapeInferTest do
  use ExUnit.Case, async: true
  import MyApp.ShapeInfer, only: [infer!: 2]

  # `infer!/2` is a macro: the parenthesised block is code it analyses, never runs.
  test "the last expression gives the type" do
    assert infer!(
             [items],
             (
               List.first(items)
               items
             )
           ) == {:list, :term}
  end

  test "a trimmed name that nobody keeps" do
    row = %{name: " ada "}
    String.trim(row.name) #~ code/unused-operation
    assert row.name == " ada "
  end
end
