defmodule Shop.LeakyTest do
  use ExUnit.Case, async: true

  test "registry accepts sessions" do
    session = spawn(fn -> Process.sleep(:infinity) end)
    _ref = :erlang.monitor(:process, session) #~ otp/monitor-leak
    assert :ok = GenServer.call(Shop.SessionRegistry, {:register, 3, session})
  end

  test "another" do
    assert_receive {:DOWN, _, _, _, _}
  end
end
