defmodule MyApp.SyncConfigTest do
  use ExUnit.Case, async: false
  import Mox

  # No finding in this file: the module is not async, so changing globals is its right.

  setup :set_mox_global

  setup do
    Application.put_env(:my_app, :beta, true)
    on_exit(fn -> Application.delete_env(:my_app, :beta) end)
  end

  test "global changes in a synchronous module" do
    System.put_env("MY_APP_REGION", "us")
    Logger.configure(level: :warning)
    :persistent_term.put({MyApp, :limits}, %{max: 2})
    assert MyApp.FeatureFlags.enabled?(:beta)
  end
end

defmodule MyApp.AsyncReadOnlyTest do
  use ExUnit.Case, async: true
  import Mox

  setup :set_mox_from_context
  setup :verify_on_exit!

  test "reading config and passing options is fine" do
    assert Application.get_env(:my_app, :missing) == nil
    assert MyApp.FeatureFlags.enabled?(:beta, beta: true)
    Logger.metadata(request_id: "abc")
  end
end
