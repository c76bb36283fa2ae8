defmodule Shop.SessionRegistryTest do
  use ExUnit.Case, async: false

  test "registering a session" do
    session = spawn(fn -> Process.sleep(:infinity) end)
    Process.monitor(session) #~ otp/monitor-leak
    assert :ok = GenServer.call(Shop.SessionRegistry, {:register, 1, session})
  end

  test "a session can be unregistered" do
    session = spawn(fn -> Process.sleep(:infinity) end)
    ref = Process.monitor(session)
    assert :ok = GenServer.call(Shop.SessionRegistry, {:register, 2, session})
    Process.demonitor(ref, [:flush])
  end

  describe "crashes" do
    test "a dead session is noticed" do
      session = spawn(fn -> :ok end)
      ref = Process.monitor(session)
      assert_down(ref)
    end
  end

  defp assert_down(ref), do: assert_receive({:DOWN, ^ref, _, _, _})
end
