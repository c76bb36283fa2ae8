defmodule Billing.InvoiceAssertions do
  @moduledoc "Assertions shared by the billing tests."

  import ExUnit.Assertions

  def assert_paid(invoice) do
    assert invoice.status == :paid
    invoice
  end

  def eventually(fun, timeout \\ 500) do
    deadline = System.monotonic_time(:millisecond) + timeout
    poll(fun, deadline)
  end

  defp poll(fun, deadline) do
    cond do
      fun.() -> :ok
      System.monotonic_time(:millisecond) > deadline -> flunk("condition not met in time")
      true -> poll(fun, deadline)
    end
  end

  def build_invoice(attrs \\ %{}) do
    Map.merge(%{id: 1, status: :open, total_cents: 1_000}, attrs)
  end
end
