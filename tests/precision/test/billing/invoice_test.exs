defmodule Billing.InvoiceTest do
  use ExUnit.Case, async: true

  import Billing.InvoiceAssertions

  alias Billing.Invoice

  test "a declined card is an error" do
    {:error, :card_declined} = Invoice.pay(build_invoice(), card: "4000000000000002")
  end

  test "paying marks the invoice paid" do
    {:ok, invoice} = Invoice.pay(build_invoice(), card: "4242424242424242")
    assert_paid(invoice)
  end

  test "a refund settles eventually" do
    {:ok, invoice} = Invoice.pay(build_invoice(), card: "4242424242424242")
    :ok = Invoice.refund(invoice)
    eventually(fn -> Invoice.status(invoice.id) == :refunded end)
  end

  test "voiding twice is refused" do
    {:ok, voided} = Invoice.void(build_invoice())
    {:error, {:already_void, ^voided}} = Invoice.void(voided)
  end

  test "paying on behalf of a gone customer", %{} do
    customer = spawn(fn -> Process.sleep(:infinity) end)
    {:ok, payer} = Invoice.start_payer(customer: customer)
    ref = Process.monitor(payer)

    Process.exit(customer, :kill)

    assert_receive {:DOWN, ^ref, :process, ^payer, {:customer_down, :killed}}
  end

  test "a stranger may not pay someone else's invoice" do
    stranger = spawn(fn -> Process.sleep(:infinity) end)
    on_exit(fn -> Process.exit(stranger, :kill) end)

    assert {:error, :not_owner} = Invoice.pay_as(stranger, build_invoice())
  end

  test "sending the reminder" do #~ test/no-assertion
    invoice = build_invoice(%{status: :overdue})
    Invoice.remind(invoice)
  end
end
