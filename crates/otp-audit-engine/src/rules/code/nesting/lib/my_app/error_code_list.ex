defmodule MyApp.ErrorCodeList do
  @moduledoc "Error codes a caller may list, by number or by name."

  # The innermost `unless` only raises: a check of the input, however long its
  # message, reported as information.
  def resolve!(codes) do
    for code <- codes do
      if is_integer(code) do
        code
      else
        integer = MyApp.ErrorCodes.name_to_code(code)

        unless integer do #~ code/nesting
          raise ArgumentError, """
          #{inspect(code)} is not a known error code: pass an integer, or add the
          name to `config :my_app, extra_error_codes: [...]`
          """
        end

        integer
      end
    end
  end

  # An innermost `if` that does work before it raises is a branch to follow.
  def resolve_logged!(codes) do
    for code <- codes do
      if is_integer(code) do
        code
      else
        integer = MyApp.ErrorCodes.name_to_code(code)

        if integer == nil do #~ code/nesting
          MyApp.Audit.log(:unknown_code, code)
          MyApp.Metrics.increment(:unknown_code)
          raise ArgumentError, "unknown error code #{inspect(code)}"
        end

        integer
      end
    end
  end
end
