defmodule MyApp.EventDecoderTest do
  use ExUnit.Case, async: true

  # Tests may make atoms freely: the rule looks at lib only.
  test "decodes every type" do
    for type <- ~w(created deleted) do
      assert %{type: atom} = MyApp.EventDecoder.decode(%{"type" => type, "data" => %{}})
      assert atom == String.to_atom(type)
      assert :"#{type}" == atom
    end
  end
end
