defmodule MyApp.RowImport do
  @moduledoc "Parses every row of an uploaded file, then stores or uploads the results."

  # Pure parsing: each element ends on its own, so `:infinity` only spares a
  # slow row from an exit (info).
  def parse_all(rows) do
    rows
    |> Task.async_stream(&parse/1, timeout: :infinity, ordered: true) #~ otp/infinity-timeout
    |> Enum.map(fn {:ok, row} -> row end)
  end

  # Calls into the project's own modules are assumed to compute too (info).
  def check_all(rows, schema) do
    rows
    |> Task.async_stream(
      fn row ->
        case MyApp.RowImport.Schema.validate(schema, parse(row)) do
          {:ok, fields} -> {:ok, fields}
          {:error, reason} -> {:reject, row, reason}
        end
      end,
      timeout: :infinity #~ otp/infinity-timeout
    )
    |> Enum.to_list()
  end

  # Control: each element writes to the database, which can stall: still a warning.
  def store_all(rows) do
    rows
    |> Task.async_stream(fn row -> MyApp.Repo.insert(build(row)) end, timeout: :infinity) #~ otp/infinity-timeout
    |> Stream.run()
  end

  # Control: each element uploads over HTTP: still a warning.
  def upload_all(rows, url) do
    Task.async_stream(rows, fn row -> Req.post!(url, json: parse(row)) end, timeout: :infinity) #~ otp/infinity-timeout
    |> Enum.to_list()
  end

  # Control: each element applies the function it was given, which may query: a warning.
  def each_batch(batches, callback) do
    batches
    |> Task.async_stream(
      fn batch ->
        result = callback.(batch)
        {result, length(batch)}
      end,
      timeout: :infinity #~ otp/infinity-timeout
    )
    |> Enum.to_list()
  end

  defp parse(row), do: row |> String.trim() |> String.split(",")

  defp build(row), do: %{fields: parse(row)}
end
