# fixture: needs the project (the module under test is in lib/)
defmodule MyApp.RateStoreTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  # Only fetch/1 is called here, whose failure is an error tuple: the finding says so,
  # not that the module raises (window/2 does, but no test here reaches it).
  test "a known rate" do
    MyApp.Cache.put({:rate, :eur}, 1.1)
    assert {:ok, 1.1} = MyApp.RateStore.fetch(:eur)
  end
end
