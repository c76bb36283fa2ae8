# An uppercase sigil whose body ends in an escaped backslash: Elixir closes it at the
# delimiter (the body is the two characters `\\`), and so must the parser, or the rest
# of the file reads as one long syntax error.
defmodule MyApp.Query.Lexer do
  import NimbleParsec

  quoted_char =
    choice([
      string(~S(\\)),
      string(~S(\")),
      utf8_char(not: ?")
    ])

  backslash_pattern = ~R/\\/
  path_separator = ~S"C:\\"

  defparsec :quoted,
            ignore(string("\""))
            |> repeat(quoted_char)
            |> ignore(string("\""))

  def separators, do: [backslash_pattern, path_separator]

  def unclosed?(text), do: String.ends_with?(text, ~S(\\))
end
