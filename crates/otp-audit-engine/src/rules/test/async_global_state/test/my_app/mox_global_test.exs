defmodule MyApp.MoxGlobalTest do
  use MyApp.DataCase, async: true
  import Mox

  setup :set_mox_global #~ test/async-global-state
  setup [:verify_on_exit!, :set_mox_global] #~ test/async-global-state
  setup {Mox, :set_mox_global} #~ test/async-global-state

  test "calls the mock from a task" do
    set_mox_global() #~ test/async-global-state
    Mox.set_mox_global() #~ test/async-global-state
    expect(MyApp.MockHttp, :get, fn _ -> {:ok, 200} end)
    assert {:ok, 200} = Task.await(Task.async(fn -> MyApp.MockHttp.get("/") end))
  end
end
