defmodule Billing.LedgerTest do
  use ExUnit.Case, async: true

  setup do
    {:ok, pid} = Billing.Ledger.start_link([])
    %{ledger: pid}
  end

  test "posting updates the balance" do
    Billing.Ledger.post(:acme, 10)
    Process.sleep(100)
    assert Billing.Ledger.balance(:acme) == 10
  end

  test "listeners hear about posts" do
    spawn(fn -> Billing.Ledger.post(:acme, 5) end)
    :timer.sleep(50)
    assert Billing.Ledger.balance(:acme) == 5
  end

  test "state is a map", %{ledger: pid} do
    assert is_map(:sys.get_state(pid))
  end
end
