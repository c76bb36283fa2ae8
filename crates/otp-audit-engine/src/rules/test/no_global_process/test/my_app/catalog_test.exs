defmodule MyApp.CatalogTest do
  # The template starts a catalog for each test, linked to the test process.
  use MyApp.CatalogIntegrationCase

  test "a stale catalog refetches" do
    :sys.replace_state(MyApp.Catalog, fn state -> %{state | fetched_at: 0} end)
    assert MyApp.Catalog.stale?()
  end
end

defmodule MyApp.CatalogAsyncTest do
  use MyApp.CatalogCase, async: true

  test "async tests share the application's catalog" do
    :sys.replace_state(MyApp.Catalog, fn state -> %{state | fetched_at: 0} end) #~ test/no-global-process
    assert MyApp.Catalog.stale?()
  end
end

defmodule MyApp.CatalogPlainTest do
  use ExUnit.Case

  test "without the template the rewrite outlives the test" do
    :sys.replace_state(MyApp.Catalog, fn state -> %{state | fetched_at: 0} end) #~ test/no-global-process
    assert MyApp.Catalog.stale?()
  end
end
