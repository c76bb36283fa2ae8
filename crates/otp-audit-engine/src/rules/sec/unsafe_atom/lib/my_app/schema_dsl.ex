defmodule MyApp.SchemaDSL do
  @moduledoc "Helpers that only macros call run at compile time: no finding there."

  defmacro field(name, type) do
    getter = getter_name(name)
    setter = setter_name(name)

    quote do
      def unquote(getter)(record), do: Map.fetch!(record, unquote(name))
      def unquote(setter)(record, value), do: Map.put(record, unquote(name), {unquote(type), value})
    end
  end

  defmacro __before_compile__(env) do
    fields = Module.get_attribute(env.module, :fields, [])
    names = Enum.map(fields, &column_name/1)

    quote do
      def __columns__, do: unquote(names)
    end
  end

  defp getter_name(name), do: String.to_atom("get_#{name}")
  defp setter_name(name), do: prefixed(name, "set")
  defp prefixed(name, prefix), do: :"#{prefix}_#{name}"
  defp column_name(field), do: String.to_atom("#{field}_column")

  # Also called at runtime, so it leaks at runtime too.
  def lookup(record, name), do: Map.get(record, shared_key(name))

  defmacro key(name), do: shared_key(name)

  defp shared_key(name), do: String.to_atom("k_#{name}")  # no evidence of unbounded input: info with report_without_evidence
end

defmodule MyApp.Widget do
  @moduledoc "`use MyApp.Widget` derives the view module while the user's module compiles."

  defmacro __using__(opts) do
    quote bind_quoted: [opts: opts] do
      @widget_view MyApp.Widget.__view__(__MODULE__, opts)
    end
  end

  def __view__(module, opts) do
    Keyword.get_lazy(opts, :view, fn -> :"#{inspect(module)}View" end)
  end

  # A hook that runtime code calls as well is still reported.
  def __render__(module, assigns), do: {:"#{inspect(module)}Template", assigns}  # no evidence of unbounded input: info with report_without_evidence

  def render(assigns), do: __render__(__MODULE__, assigns)
end
