defmodule Billing.Factory do
  def account(name), do: %{name: name, balance: 0}
end
