defmodule MyApp.ObservabilityToggleTest do
  use ExUnit.Case, async: true

  test "debug events can be switched on and off" do
    Application.put_env(:my_app, :observability, debug_events: :all) #~ test/async-global-state
    assert MyApp.Observe.debug?()
    Application.put_env(:my_app, :observability, debug_events: :off)
    refute MyApp.Observe.debug?()
  end

  test "redaction follows the flag" do
    Application.put_env(:my_app, :observability, redact: true)
    assert MyApp.Observe.redact?()
    Application.put_env(:my_app, :retention, days: 3) #~ test/async-global-state
  end
end
