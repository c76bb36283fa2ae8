defmodule MyApp.Ledger do
  @moduledoc "Checks that the ledger tables exist before the app starts."

  def verify_ready!(opts) do
    case Keyword.get(opts, :version) do
      nil -> raise RuntimeError, "the ledger tables have not been created; run mix ledger.setup"
      version when version < 3 -> raise RuntimeError, "the ledger tables are too old (v#{version})"
      _ -> :ok
    end
  end
end

defmodule MyApp.Receipts do
  def render!(%{lines: []}), do: raise(ArgumentError, "a receipt needs at least one line")
  def render!(%{lines: lines}), do: Enum.join(lines, "\n")
end

defmodule MyApp.Amounts do
  def label(cents), do: "#{div(cents, 100)}.#{pad(rem(cents, 100))}"

  # Reached through MyApp.Import, whose tests check the failure.
  def parse!(text) do
    case Integer.parse(text) do
      {cents, ""} -> cents
      _ -> invalid!(text)
    end
  end

  defp pad(n) when n < 10, do: "0#{n}"
  defp pad(n), do: "#{n}"

  defp invalid!(text), do: raise(ArgumentError, "not an amount: #{inspect(text)}")
end
