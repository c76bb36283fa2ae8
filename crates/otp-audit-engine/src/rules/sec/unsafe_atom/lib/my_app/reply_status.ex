defmodule MyApp.ReplyStatus do
  @moduledoc "Turns a channel reply's status into an atom."

  # The guard holds `status` to two literals: only `:ok` and `:error` can be made.
  def to_reply(%{"status" => status, "response" => response}) when status in ["ok", "error"] do
    {String.to_atom(status), response}
  end

  def to_status(%{"status" => status}) do
    case status do
      s when s == "timeout" -> String.to_atom(s)
      other -> {:unknown, other}
    end
  end

  # Near miss: the guard checks the type only.
  def to_kind(%{"kind" => kind}) when is_binary(kind) do
    String.to_atom(kind) #~ sec/unsafe-atom
  end
end
