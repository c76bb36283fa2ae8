defmodule MyApp.LinkText do
  @moduledoc "Turns `Mod.fun/1` references into links; what it cannot link stays as it was."

  def autolink(text) do
    String.replace(text, ~r/`[^`]+`/, fn segment ->
      try do
        target = lookup(segment)

        if target == nil do
          raise "unable to autolink"
        end

        "[#{segment}](#{target})"
      rescue
        _ -> segment
      end
    end)
  end

  # A `def` with its own `rescue`: the raise is caught before the caller sees it.
  def title(text) do
    if text == "", do: raise(ArgumentError, "empty title")
    String.capitalize(text)
  rescue
    ArgumentError -> "Untitled"
  end

  defp lookup("`" <> rest), do: if(String.contains?(rest, "."), do: "#" <> rest)
end

defmodule MyApp.LinkCheck do
  @moduledoc "Raises on a broken link: a failure its callers see."

  def check!(url) do
    try do
      URI.new!(url)
    rescue
      _ -> raise ArgumentError, "broken link: #{url}"
    end
  end
end
