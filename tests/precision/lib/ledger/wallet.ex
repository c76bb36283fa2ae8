defmodule Ledger.Wallet do
  @moduledoc "Balances in cents."

  def withdraw(balance, amount) when amount <= balance, do: {:ok, balance - amount}
  def withdraw(_balance, _amount), do: {:error, :insufficient_funds}
end
