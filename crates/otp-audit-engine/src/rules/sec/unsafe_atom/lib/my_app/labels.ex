defmodule MyApp.Labels do
  @moduledoc "Label conversions; the callers decide which input is trusted."

  # The function is the conversion: its name says that it makes atoms.
  def label_to_atom(label) when is_binary(label), do: String.to_atom(label)

  def parse(label), do: String.to_atom(String.trim(label))  # no evidence of unbounded input: info with report_without_evidence
end
