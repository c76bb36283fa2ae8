defmodule MyApp.QuotaWindowTest do
  use ExUnit.Case, async: true

  # `start_supervised!` raises when the module has no child spec or its init fails:
  # a test that ends with it checks exactly that.
  test "can be started under a supervisor" do
    start_supervised!({MyApp.QuotaWindow, limit: 10})
  end

  test "a second window starts under its own id" do
    start_supervised!({MyApp.QuotaWindow, limit: 10})
    _pid = start_supervised!(Supervisor.child_spec({MyApp.QuotaWindow, limit: 5}, id: :small))
  end

  test "the non-raising start checks nothing" do #~ test/no-assertion
    start_supervised({MyApp.QuotaWindow, limit: 10})
  end

  test "a start followed by unchecked work checks only the start" do #~ test/no-assertion
    window = start_supervised!({MyApp.QuotaWindow, limit: 10})
    MyApp.QuotaWindow.hit(window)
  end
end
