defmodule MyApp.RateProxyErrorsTest do
  use ExUnit.Case, async: true

  test "an unreachable proxy is an error" do
    assert {:error, _} = MyApp.Rates.fetch("EUR", proxy: "http://nowhere.invalid:1")
  end
end
