defmodule MyApp.StorageFacadeTest do
  use ExUnit.Case, async: true
  use Repatch.ExUnit, assert_expectations: true

  import MyApp.PatchHelpers, only: [expect_calls: 2, patch_calls: 2]

  # The expectations are the check: each must be called with the pinned arguments.
  test "passes the calls through to the backend" do
    expect_calls(MyApp.DiskBackend, read: fn "k" -> {:ok, 1} end)
    MyApp.StorageFacade.read("k")
  end

  # A patch only replaces a function; it checks nothing.
  test "a patched read" do #~ test/no-assertion
    patch_calls(MyApp.DiskBackend, read: fn _ -> {:ok, 2} end)
    MyApp.StorageFacade.read("k")
  end
end
