defmodule Payments.LedgerTest do
  use ExUnit.Case, async: false

  test "starts with a zero total" do
    start_supervised!(Payments.Ledger)
    assert Payments.Ledger.total() == 0
  end
end
