defmodule MyApp.RepoDefaults do
  # `use MyApp.RepoDefaults` puts the attribute into the using module's body: it is
  # read when that module compiles.
  defmacro __using__(_opts) do
    quote do
      @pool_size Application.get_env(:my_app, :pool_size, 10) #~ config/compile-time-env

      def pool_size, do: @pool_size
      def timeout, do: Application.get_env(:my_app, :timeout, 15_000)
    end
  end

  # Expanded where it is called, inside a function at runtime: not reported.
  defmacro setting(key) do
    quote do
      Application.get_env(:my_app, unquote(key))
    end
  end
end
