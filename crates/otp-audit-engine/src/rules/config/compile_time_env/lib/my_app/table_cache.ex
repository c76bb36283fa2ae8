defmodule MyApp.TableCache do
  @moduledoc """
  Shared plumbing for the app's ConCache-backed caches. Each cache names itself
  and may pass ConCache options, which are read when the supervisor asks for the
  child spec.
  """

  defmacro __using__(opts) do
    name = Keyword.fetch!(opts, :name)
    concache_opts = Keyword.drop(opts, [:name])

    quote do
      @cache_name unquote(name)

      def cache_name, do: @cache_name

      def get(key), do: ConCache.get(@cache_name, key)

      def put(key, value), do: ConCache.put(@cache_name, key, value)

      def child_spec(extra \\ []) do
        opts = Keyword.merge(unquote(concache_opts), extra)
        Supervisor.child_spec({ConCache, [name: @cache_name] ++ opts}, id: {ConCache, @cache_name})
      end
    end
  end
end
