defmodule MyApp.ReceiptLinesTest do
  use ExUnit.Case, async: true

  test "a receipt lists every line" do
    receipt = MyApp.Receipt.build([%{sku: "A1", cents: 300}])
    verify_lines(receipt)
  end

  test "a receipt in another currency" do
    receipt = MyApp.Receipt.build([%{sku: "A1", cents: 300}], currency: "USD")
    verify_lines(receipt, "USD")
  end

  test "a receipt can be printed" do #~ test/no-assertion
    receipt = MyApp.Receipt.build([])
    print_lines(receipt)
  end

  # A head with a default: verify_lines/1 reaches the clauses below.
  defp verify_lines(receipt, currency \\ "EUR")

  defp verify_lines(%{lines: []}, _currency), do: flunk("a receipt without lines")

  defp verify_lines(receipt, currency) do
    assert receipt.currency == currency
    assert Enum.all?(receipt.lines, &(&1.cents > 0))
  end

  defp print_lines(receipt, device \\ :stdio), do: IO.inspect(device, receipt.lines, [])
end
