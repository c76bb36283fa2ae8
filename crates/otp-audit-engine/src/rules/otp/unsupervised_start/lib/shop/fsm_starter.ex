defmodule Shop.FsmStarter do
  @moduledoc false

  # `:gen_statem` has no `name:` option: this helper turns one into the
  # registration tuple each branch needs. The machines' own `start_link/1` call it.

  @spec start_with_name(module(), term(), keyword()) :: :gen_statem.start_ret()
  def start_with_name(module, arg, opts) when is_atom(module) do
    case Keyword.pop(opts, :name) do
      {nil, opts} ->
        :gen_statem.start_link(module, arg, opts)

      {atom, opts} when is_atom(atom) ->
        :gen_statem.start_link({:local, atom}, module, arg, opts)

      {{:global, _} = name, opts} ->
        :gen_statem.start_link(name, module, arg, opts)

      {other, _opts} ->
        raise ArgumentError, "bad :name option: #{inspect(other)}"
    end
  end

  @spec start_server(module(), term()) :: :gen_server.start_ret()
  def start_server(module, arg) do
    if is_atom(module), do: :gen_server.start_link(module, arg, []), else: {:error, :badarg}
  end

  # No spec says it is a start function, and it is not what the module hands to a
  # supervisor: one start decision, reported once rather than once per branch.
  def start_scanner(arg, opts) do
    case Keyword.pop(opts, :name) do
      {nil, opts} ->
        :gen_statem.start_link(Shop.Scanner, arg, opts) #~ otp/unsupervised-start

      {name, opts} ->
        :gen_statem.start_link({:local, name}, Shop.Scanner, arg, opts)
    end
  end

  # Declared a start function, but the start is not what it returns: the process
  # is started on the side of a lookup.
  @spec warm_cache(term()) :: :gen_statem.start_ret()
  def warm_cache(arg) do
    {:ok, pid} = :gen_statem.start_link(Shop.Scanner, arg, []) #~ otp/unsupervised-start
    :ok = Shop.Scanner.warm(pid)
    {:ok, pid}
  end
end
