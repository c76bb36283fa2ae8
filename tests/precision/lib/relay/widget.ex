defmodule Relay.Widget do
  @moduledoc "`use Relay.Widget` picks the view module while the using module compiles."

  defmacro __using__(opts) do
    quote bind_quoted: [opts: opts] do
      @relay_view Relay.Widget.__view__(__MODULE__, opts)
    end
  end

  @doc false
  @spec __view__(module, keyword) :: atom
  def __view__(module, opts) do
    Keyword.get_lazy(opts, :view, fn -> :"#{inspect(module)}View" end)
  end

  @doc "The conversion itself: callers decide which labels are trusted."
  @spec label_to_atom(String.t()) :: atom
  def label_to_atom(label) when is_binary(label), do: String.to_atom(label)

  @spec check_routes([String.t()], keyword) :: :ok
  def check_routes(routes, opts) do
    cond do
      opts[:strict] ->
        unknown = Enum.reject(routes, &String.starts_with?(&1, "/"))

        if unknown != [] do
          raise ArgumentError, """
          routes must start with a slash:

          #{Enum.map_join(unknown, "\n", fn route -> "  * #{inspect(route)}" end)}
          """
        end

        :ok

      true ->
        :ok
    end
  end

  @spec debug_dump() :: map
  def debug_dump, do: %{dictionary: Process.get(), keys: Process.get_keys()}
end
