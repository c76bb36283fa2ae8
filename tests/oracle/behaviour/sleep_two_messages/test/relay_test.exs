defmodule Oracle.RelayTest do
  use ExUnit.Case, async: true

  alias Oracle.Relay

  test "every event reaches the subscriber" do
    {:ok, _relay} = Relay.forward_later(self(), [:a, :b], 40)
    Process.sleep(200)
    assert_received :a
    assert_received :b
  end
end
