defmodule MyApp.ZoneRulesTest do
  use ExUnit.Case, async: true

  # Skipped tests never run: there is nothing for them to pass on.
  @tag :skip
  test "periods resolve for every zone far in the future" do
    Enum.each(MyApp.ZoneRules.zones(), &MyApp.ZoneRules.periods(&1, :far_future))
  end

  @tag skip: "the 2038 rules are not published yet"
  test "periods resolve in 2038" do
    Enum.each(MyApp.ZoneRules.zones(), &MyApp.ZoneRules.periods(&1, ~D[2038-01-01]))
  end

  # Another tag excuses nothing.
  @tag :slow
  test "periods resolve for every zone today" do #~ test/no-assertion
    Enum.each(MyApp.ZoneRules.zones(), &MyApp.ZoneRules.periods(&1, Date.utc_today()))
  end

  describe "retired zones" do
    @describetag :skip

    test "periods resolve for retired zones" do
      Enum.each(MyApp.ZoneRules.retired(), &MyApp.ZoneRules.periods(&1, :far_future))
    end
  end

  test "a zone has its abbreviation" do
    assert MyApp.ZoneRules.abbreviation("Europe/Paris") in ["CET", "CEST"]
  end
end
