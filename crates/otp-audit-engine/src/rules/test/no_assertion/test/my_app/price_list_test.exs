# fixture: needs the project (the failure check reads lib/my_app/price_list.ex)
defmodule MyApp.PriceListTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  test "loads good rows without warnings" do
    assert {[{"A1", 300}], %{warnings: []}} = MyApp.PriceList.load([%{sku: "A1", cents: 300}])
  end
end
