defmodule Billing.SettlementTest do
  use ExUnit.Case, async: true

  import Billing.InvoiceAssertions

  alias Billing.Settlement

  test "settling inside a task leaves its holder process behind" do
    task =
      Task.async(fn ->
        holder = spawn(fn -> Process.sleep(:infinity) end) #~ test/no-raw-spawn
        Settlement.settle(%{id: 7, holder: holder})
      end)

    assert {:ok, %{id: 7}} = Task.await(task)
  end

  test "a settled batch is listed" do
    {:ok, batch} = Settlement.settle(%{id: 8, invoices: [build_invoice()]})
    eventually(fn -> batch.id in Settlement.settled_ids() end)
  end
end
