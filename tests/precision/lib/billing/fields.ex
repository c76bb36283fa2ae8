defmodule Billing.Fields do
  @moduledoc "Defines accessors for invoice fields at compile time."

  defmacro money_field(name) do
    cents = cents_name(name)

    quote do
      def unquote(cents)(invoice), do: Map.fetch!(invoice, unquote(name)).cents
    end
  end

  defp cents_name(name), do: String.to_atom("#{name}_cents")
end
