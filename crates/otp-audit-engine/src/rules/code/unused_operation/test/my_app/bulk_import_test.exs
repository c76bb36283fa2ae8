defmodule MyApp.BulkImportTest do
  use ExUnit.Case, async: true

  setup do
    # The import runs as the stream it returns is consumed: the map is the import.
    MyApp.Catalog.import_rows!([%{sku: "a"}, %{sku: "b"}], return_stream?: true)
    |> Enum.map(fn {:ok, row} -> row end) #~ code/unused-operation

    :ok
  end

  test "rows are visible" do
    assert length(MyApp.Catalog.list()) == 2
  end

  test "a list result dropped is dead code" do
    MyApp.Catalog.import_rows!([%{sku: "c"}], return_stream?: false)
    |> Enum.map(fn {:ok, row} -> row.sku end) #~ code/unused-operation

    assert length(MyApp.Catalog.list()) == 1
  end
end
