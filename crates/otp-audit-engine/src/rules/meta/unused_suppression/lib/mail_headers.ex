defmodule MyApp.MailHeaders do
  @moduledoc "Builds provider form fields from an email's headers."

  def put_headers(body, headers) do
    Enum.reduce(headers, body, fn {key, value}, acc ->
      # Credo's UnsafeToAtom flags this atom even where otp-audit's rule finds no
      # outside input: the comment is for `mix credo`, so it is not reported.
      # credo:disable-for-this-file Credo.Check.Warning.UnsafeToAtom
      Map.put(acc, :"h:#{key}", value)
    end)
  end

  def put_vars(body, vars) do
    Enum.reduce(vars, body, fn {key, value}, acc ->
      # A second file-wide comment for the same check silences nothing more.
      # credo:disable-for-this-file Credo.Check.Warning.UnsafeToAtom #~ meta/unused-suppression
      Map.put(acc, :"v:#{key}", value)
    end)
  end

  def nested(body) do
    # credo:disable-for-next-line Credo.Check.Refactor.Nesting
    if body, do: body, else: %{}
  end
end
