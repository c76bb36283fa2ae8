# fixture: needs the project
defmodule MyApp.AuditHookTest do
  use ExUnit.Case, async: true

  alias MyApp.TestCaches.{AuditHook, Cache, SharedHook}

  # test/support/hook_caches.ex also defines the Cache every module uses, but only
  # this module drives AuditHook, the one module of that file that names the probe.
  test "the audit hook sees each put" do
    Process.register(self(), :audit_hook_probe)
    {:ok, cache} = Cache.start_link(name: nil)
    Cache.put(cache, :a, 1)
    AuditHook.after_put(:a)
    assert_receive {:after_put, :a}
  end

  # SharedHook is driven by MyApp.CacheUsersTest too.
  test "the shared hook sees each put" do
    Process.register(self(), :shared_hook_probe) #~ test/async-global-state
    SharedHook.after_put(:b)
    assert_receive {:after_put, :b}
  end
end
