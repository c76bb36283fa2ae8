defmodule Billing.RuleDsl do
  @moduledoc "`defrule` defines a pricing rule; `within_rule?/0` tells the helper macros where they are."

  defmacro defrule(name, do: block) do
    quote do
      unquote(__MODULE__).__define__(__MODULE__, unquote(name))
      def unquote(name)(), do: unquote(block)
      Process.delete(Billing.RuleDsl)
    end
  end

  defmacro defcheck(name, do: block) do
    quote do
      unquote(__MODULE__).__register__(__MODULE__, unquote(name))
      def unquote(name)(), do: unquote(block)
    end
  end

  # The macro's code built by a helper: the same flag, cleared by the quote.
  defmacro defpricing(name, do: block), do: build_pricing(name, block)

  defp build_pricing(name, block) do
    quote do
      unquote(__MODULE__).__pricing__(__MODULE__, unquote(name))
      def unquote(name)(), do: unquote(block)
      :erlang.erase(Billing.RuleDsl.Pricing)
    end
  end

  def __pricing__(module, name) do
    Process.put(Billing.RuleDsl.Pricing, true) #~ otp/no-process-dictionary
    Module.put_attribute(module, :pricing, name)
  end

  def __define__(module, name) do
    Process.put(Billing.RuleDsl, true) #~ otp/no-process-dictionary
    Module.put_attribute(module, :rules, name)
  end

  # Called from a quote too, but nothing there deletes the key: it stays set.
  def __register__(module, name) do
    Process.put(Billing.RuleDsl.Checks, true) #~ otp/no-process-dictionary
    Module.put_attribute(module, :checks, name)
  end
end
