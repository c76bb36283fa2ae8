defmodule MyApp.ReportStore do
  @moduledoc "Every result here is used: no finding."

  require Logger

  @columns Enum.map([:name, :amount, :region], &Atom.to_string/1)

  def columns, do: @columns

  def header(opts) do
    opts = Keyword.merge([separator: ","], opts)
    Enum.join(@columns, opts[:separator])
  end

  def save(rows, path) do
    Logger.info(Enum.join(Enum.map(rows, & &1.name), ", "))
    Enum.each(rows, &Logger.debug(inspect(&1)))
    Enum.into(rows, File.stream!(path))
    File.write!(path <> ".done", "")
    File.rm(path <> ".tmp")
    Stream.run(Stream.map(rows, &IO.inspect/1))
    :ok
  end

  def apply_formatter(formatter, module, value) do
    formatter.(Enum.random(value))
    module.format(String.to_integer(value))
  end

  def validate(opts) do
    Keyword.validate!(opts, [:path, :separator])
    opts
  end

  def parse(line) do
    String.split(line, ",")
  catch
    :exit, _ -> List.duplicate(nil, 3)
  end

  def fetch(path) do
    File.read!(path)
  rescue
    e in File.Error -> String.trim(Exception.message(e))
  end

  def lookup(rows, key) do
    with {:ok, row} <- Map.fetch(rows, key) do
      Map.get(row, :amount)
    else
      :error -> Map.get(rows, :default)
    end
  end

  def close(file) do
    try do
      IO.binwrite(file, "\n")
    after
      File.close(file)
    end
  end

  def names(rows), do: Enum.map(rows, fn row -> String.upcase(row.name) end)

  def totals(rows) do
    rows
    |> Enum.map(& &1.amount)
    |> Enum.sum()
  end
end
