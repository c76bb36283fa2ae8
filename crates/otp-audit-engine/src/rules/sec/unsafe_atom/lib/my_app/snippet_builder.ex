defmodule MyApp.SnippetBuilder do
  @moduledoc "Turns the fields of a form into the source of a code cell."

  def to_source(%{"target_variable" => variable, "url" => url}) do
    var = {String.to_atom(variable), [], nil}
    quote(do: unquote(var) = MyApp.Http.get!(unquote(url))) |> Macro.to_string()
  end

  def to_source(%{"result_name" => name}) do
    var = Macro.var(String.to_atom(name), nil)
    quote(do: unquote(var) = :ok) |> Macro.to_string()
  end

  # The same form field, made an atom value rather than a variable name: reported.
  def tag(%{"tag" => tag}), do: {:tag, String.to_atom(tag), nil} #~ sec/unsafe-atom
end
