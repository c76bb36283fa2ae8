defmodule MyApp.ErrorCodes do
  @moduledoc "Error codes known at compile time, with the extra ones from config."

  # The fallback for an Elixir without compile_env, beside the branch that uses it:
  # reading at compile time is the intent.
  extra_codes =
    if Version.match?(System.version(), ">= 1.10.0") do
      Application.compile_env(:my_app, :extra_error_codes, [])
    else
      apply(Application, :get_env, [:my_app, :extra_error_codes, []])
    end

  # An `if` with no compile_env in it is no fallback.
  legacy_codes =
    if Code.ensure_loaded?(MyApp.LegacyCodes) do
      MyApp.LegacyCodes.all()
    else
      Application.get_env(:my_app, :legacy_error_codes, []) #~ config/compile-time-env
    end

  for {code, name} <- extra_codes ++ legacy_codes do
    def name_to_code(unquote(name)), do: unquote(code)
  end

  def name_to_code(_name), do: nil
end
