defmodule MyApp.RowImport do
  @moduledoc "Parses every row of a file; every row's result is needed."

  def parse_all(rows) do
    rows
    |> Task.async_stream(&parse/1, timeout: :infinity, ordered: true) #~ otp/infinity-timeout
    |> Enum.map(fn {:ok, row} -> row end)
  end

  defp parse(row), do: String.split(row, ",")
end
