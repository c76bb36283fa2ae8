defmodule MyApp.RouteArgs do
  @moduledoc "Builds the argument list of generated route helpers."

  # Variables of generated code: the atoms exist only while code is compiled.
  def bindings(segments) do
    segments
    |> Enum.with_index()
    |> Enum.map(fn {_segment, index} -> Macro.var(:"arg#{index}", __MODULE__) end)
  end

  def arg_names(segments) do
    for {_segment, index} <- Enum.with_index(segments), do: :"arg#{index}"  # no evidence of unbounded input: info with report_without_evidence
  end
end
