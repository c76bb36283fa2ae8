defmodule MyApp.TemplateParser do
  @moduledoc "Parses the tags of a mail template."

  def parse!(source) do
    case parse(source) do
      {:ok, tags} -> tags
      {:error, line, message} -> raise MyApp.TemplateError, "line #{line}: #{message}"
    end
  end

  def parse(source), do: close(String.split(source, "\n"), [], 1)

  defp close([], [open | _], line) do
    message = "template ended without a closing tag for <#{open}>"
    {:error, line, message}
  end

  defp close([], [], _line), do: {:ok, []}
  defp close([_ | rest], open, line), do: close(rest, open, line + 1)
end
