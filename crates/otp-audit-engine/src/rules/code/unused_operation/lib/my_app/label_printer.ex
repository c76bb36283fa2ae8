defmodule MyApp.LabelPrinter do
  @moduledoc "Builds shipping labels; some branches compute values nobody keeps."

  require Logger

  def print(label, printer) do
    if label.priority do
      [:express, String.upcase(label.service)] #~ code/unused-operation
      send_to(printer, label)
    else
      {:standard, Map.put(label, :service, "ground")} #~ code/unused-operation
    end

    :ok
  end

  def normalise(label) do
    case label.country do
      "US" -> Map.put(label, :zip, String.pad_leading(label.zip, 5, "0")) #~ code/unused-operation
      _ -> label
    end

    label
  end

  def weight(label) do
    try do
      Float.round(label.grams / 1000, 2)
    rescue
      ArithmeticError -> String.to_integer(label.grams) #~ code/unused-operation
    end

    label.grams
  end

  def archive(label, dir) do
    File.write!(Path.join(dir, label.id), label.body)
  after
    Path.join(dir, "last") #~ code/unused-operation
  end

  def flag(label, urgent?) do
    if urgent?, do: Map.put(label, :urgent, true) #~ code/unused-operation
    label
  end

  # Each branch below is the value of its function: nothing is discarded.
  def header(label) do
    if label.priority do
      [:express, String.upcase(label.service)]
    else
      {:standard, Map.get(label, :service, "ground")}
    end
  end

  def country_code(label) do
    code =
      case label.country do
        "US" -> String.pad_leading(label.zip, 5, "0")
        other -> String.downcase(other)
      end

    {label.id, code}
  end

  def parse_weight(label) do
    try do
      String.to_integer(label.grams)
    rescue
      ArgumentError -> Keyword.get(label.defaults, :grams, 0)
    end
  end

  def urgent_label(label, urgent?), do: if(urgent?, do: Map.put(label, :urgent, true), else: label)

  def lines(labels), do: Enum.each(labels, fn label -> [label.id, String.trim(label.body)] end)

  defp send_to(printer, label), do: Logger.info("printing #{label.id} on #{printer}")
end
