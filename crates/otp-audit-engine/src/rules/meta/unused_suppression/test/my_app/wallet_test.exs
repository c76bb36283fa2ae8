# otp-audit:disable-for-next-line test/no-assertion -- error paths live in wallet_property_test.exs
defmodule MyApp.WalletTest do
  use ExUnit.Case, async: true

  test "withdraws within the balance" do
    assert MyApp.Wallet.withdraw(500, 200) == {:ok, 300}
  end

  test "withdraws everything" do
    # otp-audit:disable-for-next-line test/no-assertion #~ meta/unused-suppression
    assert MyApp.Wallet.withdraw(500, 500) == {:ok, 0}
  end
end
