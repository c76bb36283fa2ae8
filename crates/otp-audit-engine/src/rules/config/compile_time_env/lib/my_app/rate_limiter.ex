defmodule MyApp.RateLimiter do
  @moduledoc """
  Delegates to the rate-limit backend chosen in config/runtime.exs, resolved on
  every call.
  """

  @backend_functions [check_rate: 3, delete_buckets: 1, inspect_bucket: 3]

  for {name, arity} <- @backend_functions do
    args = Macro.generate_arguments(arity, __MODULE__)

    def unquote(name)(unquote_splicing(args)) do
      backend = Application.get_env(:my_app, :rate_limit)[:backend]
      apply(backend, unquote(name), unquote(args))
    end
  end

  # The list a `for` walks is read while the module compiles.
  for bucket <- Application.get_env(:my_app, :fixed_buckets, []) do #~ config/compile-time-env
    def unquote(:"#{bucket}_limit")(), do: 100
  end
end
