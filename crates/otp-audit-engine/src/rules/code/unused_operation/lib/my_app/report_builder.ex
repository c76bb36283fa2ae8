defmodule MyApp.ReportBuilder do
  @moduledoc "Turns raw sales rows into a CSV report and notifies the owners."

  require Logger

  alias MyApp.{Mailer, Repo}

  def build(rows, opts) do
    Keyword.merge(opts, separator: ",") #~ code/unused-operation
    Enum.map(rows, &Logger.debug(inspect(&1))) #~ code/unused-operation

    rows
    |> Enum.reject(&is_nil(&1.amount))
    |> Enum.map(&Mailer.notify_owner/1) #~ code/unused-operation

    Enum.map_join(rows, opts[:separator], &to_line/1)
  end

  def to_line(row) do
    String.trim(row.name) #~ code/unused-operation
    Enum.join([row.name, row.amount], ",")
  end

  def put_total(state, rows) do
    Map.put(state, :total, Enum.sum(Enum.map(rows, & &1.amount))) #~ code/unused-operation
    List.flatten(state.history) #~ code/unused-operation
    Tuple.append(state.last, rows) #~ code/unused-operation
    state
  end

  def archive(report, dir) do
    Path.join(dir, report.name) #~ code/unused-operation
    File.exists?(dir) #~ code/unused-operation
    Regex.replace(~r/\s+/, report.name, "_") #~ code/unused-operation
    File.write!(Path.join(dir, report.name), report.body)
  end

  # A stream that nobody consumes never runs.
  def export(rows, device) do
    rows
    |> Stream.map(&to_line/1)
    |> Stream.each(&IO.write(device, &1)) #~ code/unused-operation

    :ok
  end

  def regroup(rows) do
    Enum.into(rows, %{}) #~ code/unused-operation
    apply(Enum, :map, [rows, &to_line/1]) #~ code/unused-operation
    rows
  end

  def by_region(rows) do
    for row <- rows do
      Enum.map(row.items, &Repo.touch/1) #~ code/unused-operation
      row.region
    end
  end

  def notify(rows) do
    Enum.each(rows, fn row ->
      String.upcase(row.name) #~ code/unused-operation
      Mailer.notify_owner(row)
    end)
  end

  def classify(row) do
    case row.amount do
      nil ->
        Map.delete(row, :amount) #~ code/unused-operation
        :missing

      amount ->
        {:ok, amount}
    end
  end

  def load(path) do
    try do
      File.read!(path)
    after
      File.exists?(path) #~ code/unused-operation
      Logger.debug("loaded #{path}")
    end
  end
end
