defmodule MyApp.ImporterTest do
  use ExUnit.Case, async: true

  alias MyApp.Importer

  test "imports every good line" do
    assert {[%{sku: "A1", qty: 2}], %{warnings: []}} = Importer.import("A1,2")
  end

  test "a bad line becomes a warning" do
    {items, %{warnings: messages}} = Importer.import("A1,2\nnonsense")
    assert length(items) == 1
    assert messages == ["bad line: nonsense"]
  end
end
