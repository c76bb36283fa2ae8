defmodule MyApp.RateProxyTest do
  use ExUnit.Case, async: true

  # The error path has a suite of its own (MyApp.RateProxyErrorsTest): this module
  # is not asked to check it too.
  test "fetches a rate through the proxy" do
    assert {:ok, _body} = MyApp.RateProxy.fetch("EUR", "http://proxy.local:3128")
  end
end
