defmodule MyApp.CacheBootTest do
  use ExUnit.Case, async: true

  # fixture: needs the project
  # The name appears elsewhere only inside telemetry event names
  # (cache_events_test.exs): an event segment is not a registered name.
  test "the cache emits an init event on start" do
    {:ok, _} = MyApp.Cache.start_link(name: :orders_cache)
    assert MyApp.Cache.size(:orders_cache) == 0
  end

  # cache_events_test.exs looks this name up as a process.
  test "a name another test looks up can clash" do
    {:ok, _} = MyApp.Cache.start_link(name: :audit_cache) #~ test/start-supervised
    assert MyApp.Cache.size(:audit_cache) == 0
  end
end
