defmodule MyApp.RankedCache do
  @moduledoc """
  A cache that keeps the top entries in order. `use MyApp.RankedCache, :name` or
  with options; the work is done by a private helper.
  """

  defmacro __using__(name) when is_atom(name), do: build(name, [])

  defmacro __using__(opts) when is_list(opts) do
    name = Keyword.fetch!(opts, :name)
    build(name, opts)
  end

  defp build(name, opts) do
    max_size = Keyword.get(opts, :max_size, 100)
    concache_opts = Keyword.drop(opts, [:name, :max_size])

    quote do
      @max_size unquote(max_size)

      def cache_name, do: unquote(name)
      def max_size, do: @max_size

      def child_spec(_arg) do
        Supervisor.child_spec({ConCache, [name: unquote(name)] ++ unquote(concache_opts)}, id: unquote(name))
      end
    end
  end
end

defmodule MyApp.TopSellers do
  @moduledoc "The best-selling products of the week."

  use MyApp.RankedCache,
    name: :top_sellers,
    max_size: Application.get_env(:my_app, :top_sellers_size, 50), #~ config/compile-time-env
    global_ttl: Application.get_env(:my_app, __MODULE__)[:global_ttl]
end
