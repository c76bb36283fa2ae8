defmodule Billing.Clean do
  @moduledoc "Nothing to report here."

  def total(items), do: Enum.reduce(items, 0, &(&1.amount + &2))
end
