# otp-audit:disable-for-next-line test/no-assertion -- error paths live in wallet_property_test.exs
defmodule Ledger.WalletTest do
  use ExUnit.Case, async: true

  alias Ledger.Wallet

  test "withdraws within the balance" do
    assert Wallet.withdraw(500, 200) == {:ok, 300}
  end

  test "withdraws everything" do
    assert Wallet.withdraw(500, 500) == {:ok, 0}
  end
end
