defmodule MyApp.BulkUpdateDroppedTest do
  use ExUnit.Case, async: true

  alias MyApp.Catalog

  test "a bulk rename accepts a map of fields" do
    Catalog.insert_all!([%{title: "fred"}, %{title: "george"}])

    Catalog.bulk_update!(%{tags: [%{a: 1}]}, return_records?: true)
    |> Map.get(:records)
    |> Enum.map(& &1.tags) #~ code/unused-operation
  end

  test "zone names exist as atoms before lookups" do
    Catalog.zone_names() |> Enum.map(&String.to_atom/1) #~ code/unused-operation
    assert Catalog.lookup_zone("Europe/Paris")
  end
end
