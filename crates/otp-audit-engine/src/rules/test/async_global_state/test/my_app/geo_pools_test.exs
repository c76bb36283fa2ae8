# fixture: needs the project (whether lib code reads the variable is in lib/my_app/geo_pools.ex)
defmodule MyApp.GeoPoolsTest do
  use ExUnit.Case, async: true

  # The application reads MYAPP_GEO_PROXY once, in `child_spec/1`, before any test
  # runs; only this module's tests, which never run at the same time, read it again.
  setup do
    on_exit(fn -> System.delete_env("MYAPP_GEO_PROXY") end)
  end

  test "no proxy without the variable" do
    System.delete_env("MYAPP_GEO_PROXY")
    assert MyApp.GeoPools.pools().geo == [size: 3]
  end

  test "a proxy from the variable" do
    System.put_env("MYAPP_GEO_PROXY", "http://127.0.0.1:3128")
    assert MyApp.GeoPools.pools().geo == [size: 3, proxy: "http://127.0.0.1:3128"]
  end

  test "a variable that any caller of the API reads is shared" do
    System.put_env("MYAPP_GEO_TIMEOUT", "500") #~ test/async-global-state
    assert MyApp.GeoPools.request_timeout() == 500
  end
end
