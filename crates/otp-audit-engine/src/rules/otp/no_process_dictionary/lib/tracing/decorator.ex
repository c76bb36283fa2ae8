defmodule Tracing.Decorator do
  @moduledoc "`@traced external: true` wraps a function so its HTTP calls are not traced twice."

  defmacro __using__(_opts) do
    quote do
      Module.register_attribute(__MODULE__, :traced, accumulate: true)
      @before_compile Tracing.Decorator
    end
  end

  defmacro __before_compile__(env) do
    for {name, arity} <- Module.get_attribute(env.module, :traced) do
      wrapped(name, arity)
    end
  end

  # The quote is data to this module; the write runs in each wrapped function.
  defp wrapped(name, arity) do
    args = Macro.generate_arguments(arity, __MODULE__)

    quote do
      defoverridable [{unquote(name), unquote(arity)}]

      def unquote(name)(unquote_splicing(args)) do
        Process.put(:tracing_external, true)

        try do
          super(unquote_splicing(args))
        after
          Process.delete(:tracing_external)
        end
      end
    end
  end
end
