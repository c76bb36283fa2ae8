defmodule MyApp.SessionTokenType do
  @moduledoc "An Ecto type for session tokens, generated on insert."
  use Ecto.Type

  def type, do: :string

  # One new atom per inserted row, for good: no atom to look up, no list to map.
  def autogenerate, do: String.to_atom(Ecto.UUID.generate()) #~ sec/unsafe-atom

  def cast(token) when is_atom(token), do: {:ok, token}
  def cast(_), do: :error

  def load(token) when is_binary(token), do: {:ok, token}
  def dump(token) when is_atom(token), do: {:ok, Atom.to_string(token)}
  def dump(_), do: :error
end
