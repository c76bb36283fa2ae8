defmodule MyApp.Launcher do
  @moduledoc "Parses the command line of the `my_app` script and runs it."

  def parse(["--port", port | rest]), do: Keyword.put(parse(rest), :port, String.to_integer(port))
  def parse([]), do: []
  def parse([flag | _]), do: raise(ArgumentError, "unknown flag #{flag}")
end
