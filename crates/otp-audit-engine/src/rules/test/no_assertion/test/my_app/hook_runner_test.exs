# fixture: needs the project (the failure check reads lib/my_app/hook_runner.ex)
defmodule MyApp.HookRunnerTest do
  use ExUnit.Case, async: true
  import Mox

  setup :verify_on_exit!

  test "a hook's result is passed back" do
    expect(MyApp.HookMock, :handle, fn :ping -> :pong end)
    assert MyApp.HookRunner.run(MyApp.HookMock, :ping) == {:ok, :pong}
  end

  # The failure is made by the mock: the test drives the error path.
  test "a hook that raises does not propagate" do
    Mox.expect(MyApp.HookMock, :handle, fn :ping -> raise "boom" end)
    MyApp.HookRunner.run(MyApp.HookMock, :ping)
  end
end

# A mock that only returns: the chain's `{:error, _}` is never driven.
defmodule MyApp.HookChainTest do #~ test/no-assertion
  use ExUnit.Case, async: true
  import Mox

  test "every hook runs in order" do
    stub(MyApp.HookMock, :handle, fn arg -> {:ok, arg + 1} end)
    assert {:ok, {:ok, 2}} = MyApp.HookChain.run([MyApp.HookMock], 1)
  end
end
