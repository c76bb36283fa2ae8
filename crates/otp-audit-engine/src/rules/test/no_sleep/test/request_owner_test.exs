defmodule Shop.RequestOwnerTest do
  use ExUnit.Case, async: true

  alias Shop.Pool

  test "a request is dropped when its owner exits" do
    pool = start_supervised!(Pool)
    outer = self()

    owner =
      spawn(fn ->
        send(outer, Pool.checkout(pool))

        receive do
          :continue -> :ok
        end
      end)

    assert_receive {:ok, _ref}
    send(owner, :continue)
    Process.sleep(100) #~ test/no-sleep
    refute Process.alive?(owner)

    assert Pool.checked_out(pool) == []
  end
end
